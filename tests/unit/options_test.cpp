#include "kiosk/app/options.hpp"
#include "kiosk/platform/clock_steps.hpp"

#include <gtest/gtest.h>

using namespace kiosk;
using kiosk::app::parse_options;

TEST(Options, ScreenshotFormParses) {
    auto o =
        parse_options({"--content", "c", "--size", "1920x1080", "--clock",
                       "2020-11-08T09:30:00+08:00", "--after", "12.5", "--screenshot", "out.png"});
    ASSERT_TRUE(o) << o.error().message;
    EXPECT_TRUE(o->headless);
    EXPECT_EQ(o->size, (Size{1920, 1080}));
    EXPECT_DOUBLE_EQ(*o->after_s, 12.5);
    EXPECT_EQ(o->screenshot->string(), "out.png");
}

TEST(Options, BadValuesNameTheOption) {
    auto bad_size = parse_options({"--size", "big", "--screenshot", "x.png"});
    ASSERT_FALSE(bad_size);
    EXPECT_NE(bad_size.error().message.find("--size"), std::string::npos);
    auto bad_clock = parse_options({"--clock", "2020-11-08 9:30"});
    ASSERT_FALSE(bad_clock);
    EXPECT_NE(bad_clock.error().message.find("--clock"), std::string::npos);
    EXPECT_FALSE(parse_options({"--after", "-1", "--size", "10x10", "--screenshot", "x.png"}));
    EXPECT_FALSE(parse_options({"--screenshot", "x.png"})); // Needs a size.
    EXPECT_FALSE(parse_options({"--speed", "10"}));         // Needs a clock.
    EXPECT_FALSE(parse_options({"--bogus"}));
    EXPECT_FALSE(parse_options({"--content"}));
}

TEST(Options, RendererIsAutoUnlessChosen) {
    auto o = parse_options({});
    ASSERT_TRUE(o);
    EXPECT_EQ(o->renderer, platform::RendererChoice::Auto);
    auto sw = parse_options({"--renderer", "software"});
    ASSERT_TRUE(sw) << sw.error().message;
    EXPECT_EQ(sw->renderer, platform::RendererChoice::Software);
    auto gl = parse_options({"--renderer", "accelerated"});
    ASSERT_TRUE(gl) << gl.error().message;
    EXPECT_EQ(gl->renderer, platform::RendererChoice::Accelerated);
    auto bad = parse_options({"--renderer", "opengl"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message,
              "--renderer: \"opengl\" is not a renderer: auto, software or accelerated");
    EXPECT_FALSE(parse_options({"--renderer"}));
}

TEST(Options, AValueMayBeAttachedWithAnEqualsSign) {
    auto o = parse_options({"--size=1920x1080", "--headless", "--clock=2020-11-08T09:30:00+08:00"});
    ASSERT_TRUE(o) << o.error().message;
    EXPECT_EQ(o->size, (Size{1920, 1080}));
    EXPECT_TRUE(o->clock);
    auto flag = parse_options({"--headless=yes", "--size", "10x10"});
    ASSERT_FALSE(flag);
    EXPECT_EQ(flag.error().message, "--headless takes no value (found \"--headless=yes\")");
}

TEST(Options, AMissingValueIsReportedAsMissing) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--size"}, {"--size="}, {"--size", "--headless"}, {"--headless", "--size"}}) {
        auto o = parse_options(args);
        ASSERT_FALSE(o);
        EXPECT_EQ(o.error().message, "--size needs a size like 1920x1080") << args.size();
    }
}

TEST(Options, RunsEndingOnEventsNotTimes) {
    auto o = parse_options({"--headless", "--size", "320x180", "--clock",
                            "2020-11-08T09:30:00+08:00", "--speed", "6000", "--step-clock",
                            "--run-until", "2020-11-09T00:00:00+08:00"});
    ASSERT_TRUE(o) << o.error().message;
    EXPECT_TRUE(o->step_clock);
    EXPECT_EQ(*o->run_until, *parse_datetime("2020-11-09T00:00:00+08:00"));
    auto polls = parse_options({"--config", "d.json", "--polls", "2"});
    ASSERT_TRUE(polls) << polls.error().message;
    EXPECT_EQ(polls->polls, 2);
    // Simulated time needs a clock; polls need a channel to poll.
    EXPECT_FALSE(parse_options({"--run-until", "2020-11-09T00:00:00+08:00"}));
    EXPECT_FALSE(parse_options({"--step-clock"}));
    EXPECT_FALSE(parse_options({"--polls", "1"}));
    EXPECT_FALSE(parse_options({"--config", "d.json", "--polls", "0"}));
    EXPECT_FALSE(parse_options({"--config", "d.json", "--polls", "1.5"}));
    auto bad = parse_options({"--clock", "2020-11-08T09:30:00+08:00", "--run-until", "tomorrow"});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("--run-until"), std::string::npos);
}

TEST(Options, ClockStepsAreTimes) {
    auto t = kiosk::platform::parse_clock_step("2020-11-08T10:00:00Z\r");
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_EQ(*t, *parse_datetime("2020-11-08T10:00:00Z"));
    EXPECT_FALSE(kiosk::platform::parse_clock_step("10:00"));
}

// Frame statistics: what each frame was drawn for, and the figures --stats prints.
#include "kiosk/platform/stats.hpp"

#include <gtest/gtest.h>

using namespace kiosk::platform;
using std::chrono::milliseconds;
using steady = std::chrono::steady_clock;

TEST(Stats, ClassifiesFrames) {
    // A transition step is one whatever else happened.
    EXPECT_EQ(classify_frame(true, true, true, false), FrameKind::Transition);
    EXPECT_EQ(classify_frame(true, false, false, false), FrameKind::Transition);
    // The window asked for its contents: not waste, even if nothing changed.
    EXPECT_EQ(classify_frame(false, true, true, false), FrameKind::Exposed);
    // Something on screen changed, or an image missing from the last frame has arrived.
    EXPECT_EQ(classify_frame(false, false, false, false), FrameKind::Change);
    EXPECT_EQ(classify_frame(false, false, true, true), FrameKind::Change);
    // The same picture again, drawn for nothing.
    EXPECT_EQ(classify_frame(false, false, true, false), FrameKind::Unchanged);
}

TEST(Stats, CountsOverTwiceTheMedian) {
    EXPECT_EQ(count_over_twice_median({}), 0u);
    EXPECT_EQ(count_over_twice_median({5, 5, 5, 10}), 0u); // Exactly twice is not over.
    EXPECT_EQ(count_over_twice_median({5, 5, 5, 10.5, 30}), 2u);
}

TEST(Stats, ReportSplitsTransitionsFromOtherFrames) {
    const auto start = steady::time_point{} + std::chrono::seconds{100};
    Stats s(start);
    s.enable(true);
    s.set_renderer("software");
    auto at = start + milliseconds{40};
    auto frame = [&](int ms, FrameKind kind) {
        s.frame(at, at + milliseconds{ms}, kind);
        at += milliseconds{100};
    };
    frame(8, FrameKind::Change); // The first frame ends 48 ms after start.
    for (int ms : {4, 4, 5, 4, 9})
        frame(ms, FrameKind::Transition);
    frame(30, FrameKind::Change);
    frame(2, FrameKind::Exposed);
    frame(3, FrameKind::Unchanged);
    EXPECT_EQ(s.frames(), 9u);
    EXPECT_EQ(s.frames_of(FrameKind::Transition), 5u);
    EXPECT_EQ(s.transition_ms(), (std::vector<double>{4, 4, 5, 4, 9}));
    s.set_partial_frames(3);
    auto r = s.report();
    EXPECT_NE(r.find("frames drawn 9;"), std::string::npos) << r;
    EXPECT_NE(r.find("drawn in part 3;"), std::string::npos) << r;
    EXPECT_NE(r.find("in transitions 5: p50 4.00 ms, p99 9.00 ms, max 9.00 ms, over twice the "
                     "median 1;"),
              std::string::npos)
        << r;
    EXPECT_NE(r.find("other changes 2 (max 30.00 ms)"), std::string::npos) << r;
    EXPECT_NE(r.find("redrawn for the window 1;"), std::string::npos) << r;
    EXPECT_NE(r.find("unchanged redraws 1;"), std::string::npos) << r;
    EXPECT_NE(r.find("first frame 48.0 ms after start"), std::string::npos) << r;
    EXPECT_NE(r.find("renderer software"), std::string::npos) << r;
}

TEST(Stats, KeepsOnlyTheLastWindowOfFrameTimes) {
    Stats s(steady::time_point{});
    s.enable(true);
    auto t = steady::time_point{};
    for (std::size_t i = 0; i < Stats::kWindow + 10; ++i)
        s.frame(t, t + milliseconds{i < Stats::kWindow ? 1 : 7}, FrameKind::Transition);
    EXPECT_EQ(s.transition_ms().size(), Stats::kWindow);
    EXPECT_EQ(std::count(s.transition_ms().begin(), s.transition_ms().end(), 7.0), 10);
    EXPECT_EQ(s.frames(), Stats::kWindow + 10);
}

TEST(Stats, CountsButKeepsNoTimesWhenOff) {
    Stats s(steady::time_point{});
    s.frame(steady::time_point{}, steady::time_point{} + milliseconds{3}, FrameKind::Transition);
    EXPECT_EQ(s.frames(), 1u);
    EXPECT_TRUE(s.transition_ms().empty());
}

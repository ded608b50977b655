// Repeated log lines are held back and counted.
#include "kiosk/core/log.hpp"
#include "kiosk/core/repeat_limit.hpp"

#include <gtest/gtest.h>

using kiosk::log::RepeatLimiter;
using namespace std::chrono;

TEST(RepeatLimiter, ABurstThenHeldBackThenCounted) {
    RepeatLimiter limiter(3, minutes{10});
    RepeatLimiter::Time t0{};
    auto kind = RepeatLimiter::kind_of("sync", "channel hall-a: cannot connect");
    int written = 0;
    // A dead server, polled every second for five minutes: three lines, the rest held back.
    for (int s = 0; s < 300; ++s)
        written += limiter.admit(kind, t0 + seconds{s}).write ? 1 : 0;
    EXPECT_EQ(written, 3);
    // The first line of the next window says how many were held back.
    auto v = limiter.admit(kind, t0 + minutes{10});
    EXPECT_TRUE(v.write);
    EXPECT_EQ(v.held_back, 297u);
    EXPECT_EQ(limiter.admit(kind, t0 + minutes{10} + seconds{1}).held_back, 0u);
}

TEST(RepeatLimiter, NumbersDoNotMakeALineNew) {
    EXPECT_EQ(RepeatLimiter::kind_of("sync", "retry 3 of 10 after 250 ms"),
              RepeatLimiter::kind_of("sync", "retry 4 of 10 after 1000 ms"));
    EXPECT_NE(RepeatLimiter::kind_of("sync", "server down"),
              RepeatLimiter::kind_of("feed", "server down"));
    EXPECT_NE(RepeatLimiter::kind_of("sync", "server down"),
              RepeatLimiter::kind_of("sync", "bad signature"));
}

TEST(RepeatLimiter, TwoFilesAreTwoLinesWhateverTheirNumbers) {
    // Each broken poster is a refusal of its own, and must be said.
    EXPECT_NE(RepeatLimiter::kind_of("image", "flip-4.png: cannot be decoded"),
              RepeatLimiter::kind_of("image", "flip-5.png: cannot be decoded"));
    EXPECT_NE(RepeatLimiter::kind_of("player", "slide p4: skipped, its image posters/p4.jpg"),
              RepeatLimiter::kind_of("player", "slide p5: skipped, its image posters/p5.jpg"));
    // Times, addresses and counts still do not.
    EXPECT_EQ(RepeatLimiter::kind_of("sync", "no answer from 192.168.0.7 at 2020-11-08T09:30:05"),
              RepeatLimiter::kind_of("sync", "no answer from 192.168.0.7 at 2020-11-08T09:31:10"));
    EXPECT_EQ(RepeatLimiter::kind_of("sync", "HTTP 500 after 3.5 s"),
              RepeatLimiter::kind_of("sync", "HTTP 503 after 12.25 s"));
}

TEST(RepeatLimiter, OtherLinesStillPass) {
    RepeatLimiter limiter(1, minutes{10});
    RepeatLimiter::Time t0{};
    EXPECT_TRUE(limiter.admit("a", t0).write);
    EXPECT_FALSE(limiter.admit("a", t0 + seconds{1}).write);
    EXPECT_TRUE(limiter.admit("b", t0 + seconds{2}).write);
}

TEST(RepeatLimiter, RemembersABoundedNumberOfKinds) {
    RepeatLimiter limiter(1, minutes{10}, 4);
    RepeatLimiter::Time t0{};
    for (int i = 0; i < 1000; ++i)
        EXPECT_TRUE(limiter
                        .admit("kind " + std::string(1, static_cast<char>('a' + i % 26)) +
                                   std::to_string(i),
                               t0 + seconds{i})
                        .write);
    // "x" is new, admitted; the oldest was forgotten to make room, so memory stays bounded and a
    // forgotten kind is simply written again.
    EXPECT_TRUE(limiter.admit("x", t0 + seconds{1001}).write);
    EXPECT_FALSE(limiter.admit("x", t0 + seconds{1002}).write);
}

TEST(Log, WrongPinsAreNeverHeldBackAsRepeats) {
    testing::internal::CaptureStderr();
    for (int i = 1; i <= 12; ++i) {
        kiosk::log::security("admin", "wrong PIN (" + std::to_string(i) + " in a row)");
        kiosk::log::warn("test", "a repeated warning " + std::to_string(i));
    }
    std::string out = testing::internal::GetCapturedStderr();
    auto count = [&](const std::string& what) {
        std::size_t n = 0;
        for (auto p = out.find(what); p != std::string::npos; p = out.find(what, p + 1))
            ++n;
        return n;
    };
    EXPECT_EQ(count("wrong PIN"), 12u);
    EXPECT_LE(count("a repeated warning"), 6u); // Ordinary repeats are still limited.
}

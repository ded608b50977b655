#include "kiosk/core/clock.hpp"
#include "kiosk/core/time.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace kiosk;
using namespace std::chrono;

TEST(Time, ParsesOffsetsAndZ) {
    auto a = parse_datetime("2020-11-08T09:30:00+08:00");
    auto b = parse_datetime("2020-11-08T01:30:00Z");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(*a, *b);
    auto c = parse_datetime("2020-11-08T09:30:00.250+08:00");
    ASSERT_TRUE(c);
    EXPECT_EQ(*c - *a, milliseconds{250});
}

TEST(Time, RefusesMalformed) {
    EXPECT_FALSE(parse_datetime("2020-11-08"));
    EXPECT_FALSE(parse_datetime("2020-11-08T09:30:00"));
    EXPECT_FALSE(parse_datetime("2020-13-08T09:30:00+08:00"));
    EXPECT_FALSE(parse_datetime("2020-02-30T09:30:00+08:00"));
    EXPECT_FALSE(parse_datetime("2020-11-08T24:30:00+08:00"));
    EXPECT_FALSE(parse_datetime("2020-11-08T09:30:00+8"));
    EXPECT_FALSE(parse_datetime("yesterday"));
}

TEST(Time, LocalCalendarAtOffset) {
    auto t = *parse_datetime("2020-11-07T23:30:00Z"); // 07:30 on the 8th in Weifang.
    auto l = to_local(t, hours{8});
    EXPECT_EQ(l.year, 2020);
    EXPECT_EQ(l.month, 11);
    EXPECT_EQ(l.day, 8);
    EXPECT_EQ(l.weekday, 7); // A Sunday.
    EXPECT_EQ(l.hour, 7);
    EXPECT_EQ(format_hhmm(t, hours{8}), "07:30");
    EXPECT_EQ(format_chinese_date(t, hours{8}), "11月8日 星期日");
    EXPECT_EQ(format_iso(t, hours{8}), "2020-11-08T07:30:00+08:00");
    EXPECT_EQ(start_of_local_day(t, hours{8}), *parse_datetime("2020-11-08T00:00:00+08:00"));
}

TEST(Time, NextMinuteIsStrictlyLater) {
    auto t = *parse_datetime("2020-11-08T09:30:00+08:00");
    EXPECT_EQ(next_minute(t), t + minutes{1});
    EXPECT_EQ(next_minute(t + seconds{59}), t + minutes{1});
}

TEST(Clock, SimulatedClockRunsFasterAndScalesWaits) {
    auto start = *parse_datetime("2020-11-08T09:30:00+08:00");
    SystemClock c(start, 60.0);
    EXPECT_GE(c.now(), start);
    EXPECT_LT(c.now(), start + minutes{1});
    EXPECT_EQ(c.real_wait(seconds{60}), seconds{1});
    ManualClock m(start);
    m.advance(hours{25});
    EXPECT_EQ(to_local(m.now(), hours{8}).day, 9);
}

namespace {

// Until `done` holds or ten seconds pass (a guard against a hang, not a deadline).
template <typename F> bool eventually(F done) {
    auto end = steady_clock::now() + seconds{10};
    while (!done()) {
        if (steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(milliseconds{1});
    }
    return true;
}

} // namespace

TEST(SteppedClock, RunsOnlyUpToTheLimitAndGoesOnFromThere) {
    const TimePoint t0 = *parse_datetime("2020-11-08T00:00:00+08:00");
    SteppedClock clock(t0, 1e6, t0); // A simulated hour in 3.6 ms of real time, held at the start.
    std::this_thread::sleep_for(milliseconds{5});
    EXPECT_EQ(clock.now(), t0);
    EXPECT_EQ(clock.real_wait(hours{1}), seconds{1}); // Standing still: woken when it moves.
    clock.set_limit(t0 + hours{1});
    EXPECT_LE(clock.real_wait(hours{5}), nanoseconds{3'600'000}); // Only up to the limit.
    ASSERT_TRUE(eventually([&] { return clock.now() == t0 + hours{1}; }));
    std::this_thread::sleep_for(milliseconds{20}); // Several hours' worth of real time.
    EXPECT_EQ(clock.now(), t0 + hours{1});
    // Moved on, it starts from the limit, not from where the real time since the start would say.
    clock.set_limit(t0 + hours{100});
    EXPECT_LT(clock.now(), t0 + hours{2});
    EXPECT_GE(clock.now(), t0 + hours{1});
    // A limit in the past never turns time back.
    clock.set_limit(t0);
    EXPECT_GE(clock.now(), t0 + hours{1});
}

TEST(SteppedClock, StandsStillWhilePaused) {
    const TimePoint t0 = *parse_datetime("2020-11-08T00:00:00+08:00");
    SteppedClock clock(t0, 1000);
    clock.pause(true);
    TimePoint held = clock.now();
    std::this_thread::sleep_for(milliseconds{20}); // 20 simulated seconds, had it run.
    EXPECT_EQ(clock.now(), held);
    EXPECT_EQ(clock.real_wait(seconds{1}), seconds{1});
    clock.pause(false);
    EXPECT_LT(clock.now() - held, seconds{10}); // Going on from where it stopped.
    ASSERT_TRUE(eventually([&] { return clock.now() > held; }));
}

// The night schedule: parsing, and the switches across a week on a fake clock.
#include "../support/test_time.hpp"
#include "kiosk/content/on_hours.hpp"
#include "kiosk/core/clock.hpp"

#include <gtest/gtest.h>

using namespace kiosk;
using namespace std::chrono;
using content::OnHours;
using test::at;
using test::kOff;

namespace {

OnHours on_hours(std::vector<std::pair<std::string, std::string>> entries) {
    auto h = OnHours::parse(entries);
    EXPECT_TRUE(h) << (h ? "" : h.error().message);
    return h ? *h : OnHours{};
}

} // namespace

TEST(OnHours, NoScheduleIsAlwaysOn) {
    OnHours h;
    EXPECT_TRUE(h.is_on(at("2020-11-08T03:00:00+08:00"), kOff));
    EXPECT_EQ(h.next_switch(at("2020-11-08T03:00:00+08:00"), kOff), TimePoint::max());
}

TEST(OnHours, SwitchesAtTheRightMinutesAcrossAWeek) {
    // 2020-11-09 is a Monday. Weekdays 07:30-21:00, Friday on past midnight, Saturday with a
    // lunch break, Sunday off.
    auto h = on_hours({{"mon-thu", "07:30-21:00"},
                       {"fri", "07:30-01:15"},
                       {"sat", "09:00-12:00, 13:00-18:00"},
                       {"sun", "off"}});
    const std::vector<const char*> expected = {
        "2020-11-09T07:30:00+08:00", "2020-11-09T21:00:00+08:00", // Mon
        "2020-11-10T07:30:00+08:00", "2020-11-10T21:00:00+08:00", // Tue
        "2020-11-11T07:30:00+08:00", "2020-11-11T21:00:00+08:00", // Wed
        "2020-11-12T07:30:00+08:00", "2020-11-12T21:00:00+08:00", // Thu
        "2020-11-13T07:30:00+08:00", "2020-11-14T01:15:00+08:00", // Fri, into Saturday
        "2020-11-14T09:00:00+08:00", "2020-11-14T12:00:00+08:00", // Sat morning
        "2020-11-14T13:00:00+08:00", "2020-11-14T18:00:00+08:00", // Sat afternoon
        "2020-11-16T07:30:00+08:00",                              // Sunday stays off
    };
    // Minute by minute on a fake clock: the state changes exactly at the expected minutes.
    ManualClock clock(at("2020-11-09T00:00:00+08:00"));
    std::vector<TimePoint> seen;
    bool on = h.is_on(clock.now(), kOff);
    EXPECT_FALSE(on);
    while (clock.now() < at("2020-11-16T08:00:00+08:00")) {
        clock.advance(minutes{1});
        bool now_on = h.is_on(clock.now(), kOff);
        if (now_on != on)
            seen.push_back(clock.now());
        on = now_on;
    }
    ASSERT_EQ(seen.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        EXPECT_EQ(format_iso(seen[i], kOff), format_iso(at(expected[i]), kOff)) << i;
    // next_switch jumps straight to the same moments, from any point between them.
    TimePoint t = at("2020-11-09T00:00:00+08:00");
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(format_iso(h.next_switch(t, kOff), kOff), format_iso(at(expected[i]), kOff));
        EXPECT_EQ(h.next_switch(at(expected[i]) - milliseconds{1}, kOff), at(expected[i]));
        t = at(expected[i]);
    }
}

TEST(OnHours, DailyAndRangesThatWrapTheWeek) {
    auto daily = on_hours({{"daily", "00:00-24:00"}});
    EXPECT_TRUE(daily.is_on(at("2020-11-08T00:00:00+08:00"), kOff));
    EXPECT_TRUE(daily.is_on(at("2020-11-08T23:59:59+08:00"), kOff));
    EXPECT_EQ(daily.next_switch(at("2020-11-08T12:00:00+08:00"), kOff), TimePoint::max());
    auto weekend = on_hours({{"sat-mon", "10:00-11:00"}});
    EXPECT_TRUE(weekend.is_on(at("2020-11-09T10:30:00+08:00"), kOff));  // Monday
    EXPECT_FALSE(weekend.is_on(at("2020-11-10T10:30:00+08:00"), kOff)); // Tuesday
    EXPECT_TRUE(weekend.is_on(at("2020-11-14T10:30:00+08:00"), kOff));  // Saturday
}

TEST(OnHours, TheOffsetDecidesTheLocalDay) {
    auto h = on_hours({{"mon-fri", "08:00-20:00"}});
    // 01:00 UTC on Monday 9 November is 09:00 in Weifang, but still 20:00 on Sunday in New York.
    auto t = at("2020-11-09T01:00:00Z");
    EXPECT_TRUE(h.is_on(t, kOff));
    EXPECT_FALSE(h.is_on(t, -std::chrono::hours{5}));
}

TEST(OnHours, RefusesBadEntriesWithTheReason) {
    auto bad = [](std::vector<std::pair<std::string, std::string>> e, const std::string& says) {
        auto h = OnHours::parse(e);
        ASSERT_FALSE(h);
        EXPECT_NE(h.error().message.find(says), std::string::npos) << h.error().message;
    };
    bad({{"monday", "08:00-20:00"}}, "\"monday\" is not a day");
    bad({{"mon", "8:00-20:00"}}, "is not hours like 07:30-21:00");
    bad({{"mon", "08:00-25:00"}}, "is not hours");
    bad({{"mon", "08:00-08:00"}}, "is not hours");
    bad({{"mon", "08:00"}}, "is not hours");
    bad({{"mon-fri", "08:00-20:00"}, {"fri", "off"}}, "fri is given twice");
    bad({{"mon", "08:00-12:00, 11:00-20:00"}}, "overlap");
    bad({{"mon-xyz", "08:00-12:00"}}, "not a range of days");
}

TEST(OnHours, DescribesItself) {
    auto h = on_hours({{"mon-fri", "07:30-21:00"}, {"sat", "18:00-02:00"}});
    EXPECT_EQ(h.describe(), "Mon 07:30-21:00; Tue 07:30-21:00; Wed 07:30-21:00; Thu 07:30-21:00; "
                            "Fri 07:30-21:00; Sat 18:00-02:00; Sun off");
}

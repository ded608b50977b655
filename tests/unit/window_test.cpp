#include "kiosk/content/window.hpp"

#include "../support/test_time.hpp"

#include <gtest/gtest.h>

using namespace kiosk;
using namespace kiosk::content;
using namespace std::chrono;
using kiosk::test::at;
using kiosk::test::kOff;

namespace {

Window hours_window(const char* spans, const char* weekdays = nullptr) {
    Window w;
    std::string all = spans;
    std::size_t pos = 0;
    while (pos < all.size()) {
        auto comma = all.find(',', pos);
        if (comma == std::string::npos)
            comma = all.size();
        w.hours.push_back(*parse_hours(all.substr(pos, comma - pos)));
        pos = comma + 1;
    }
    if (weekdays)
        w.weekdays = *parse_weekdays(weekdays);
    return w;
}

} // namespace

TEST(Window, ParsesItsParts) {
    EXPECT_EQ(parse_hours("08:00-18:00"), (DailyHours{hours{8}, hours{18}}));
    EXPECT_EQ(parse_hours("22:00-02:00"), (DailyHours{hours{22}, hours{2}}));
    EXPECT_EQ(parse_hours("18:00-24:00"), (DailyHours{hours{18}, hours{24}}));
    EXPECT_EQ(parse_hours("00:00-24:00"), (DailyHours{hours{0}, hours{24}}));
    EXPECT_EQ(parse_hours("8:30-9:00"), (DailyHours{minutes{510}, hours{9}}));
    EXPECT_FALSE(parse_hours("08:00-08:00"));
    EXPECT_FALSE(parse_hours("25:00-02:00"));
    EXPECT_FALSE(parse_hours("08:00"));
    EXPECT_EQ(parse_weekdays("1-5"), 0x1Fu);
    EXPECT_EQ(parse_weekdays("6,7"), 0x60u);
    EXPECT_EQ(parse_weekdays("1, 3-4"), 0x0Du);
    EXPECT_FALSE(parse_weekdays("0-3"));
    EXPECT_FALSE(parse_weekdays("5-1"));
    EXPECT_FALSE(parse_weekdays("mon"));
    // A date as `until` includes that whole day; a date-time is exact.
    EXPECT_EQ(parse_date_or_time("2020-11-14", kOff, DateEdge::End),
              at("2020-11-15T00:00:00+08:00"));
    EXPECT_EQ(parse_date_or_time("2020-11-08", kOff, DateEdge::Start),
              at("2020-11-08T00:00:00+08:00"));
    EXPECT_EQ(parse_date_or_time("2020-11-08 12:00", kOff, DateEdge::End),
              at("2020-11-08T12:00:00+08:00"));
    EXPECT_FALSE(parse_date_or_time("2020-11-31", kOff, DateEdge::Start));
    EXPECT_FALSE(parse_date_or_time("next week", kOff, DateEdge::Start));
}

TEST(Window, DateRangeIsHalfOpen) {
    Window w;
    w.from = at("2020-11-08T00:00:00+08:00");
    w.until = at("2020-11-15T00:00:00+08:00");
    EXPECT_FALSE(contains(w, at("2020-11-07T23:59:59+08:00"), kOff));
    EXPECT_TRUE(contains(w, at("2020-11-08T00:00:00+08:00"), kOff));
    EXPECT_TRUE(contains(w, at("2020-11-14T23:59:59+08:00"), kOff));
    EXPECT_FALSE(contains(w, at("2020-11-15T00:00:00+08:00"), kOff));
    EXPECT_EQ(next_boundary(w, at("2020-11-01T00:00:00+08:00"), kOff), *w.from);
    EXPECT_EQ(next_boundary(w, at("2020-11-10T00:00:00+08:00"), kOff), *w.until);
    EXPECT_EQ(next_boundary(w, at("2020-11-20T00:00:00+08:00"), kOff), TimePoint::max());
}

TEST(Window, HoursAcrossMidnightBelongToTheDayTheyStart) {
    // Friday nights only: Friday 22:00 to Saturday 02:00.
    Window w = hours_window("22:00-02:00", "5");
    EXPECT_TRUE(contains(w, at("2020-11-13T23:00:00+08:00"), kOff));  // Friday 23:00.
    EXPECT_TRUE(contains(w, at("2020-11-14T01:59:00+08:00"), kOff));  // Saturday 01:59.
    EXPECT_FALSE(contains(w, at("2020-11-14T02:00:00+08:00"), kOff)); // Saturday 02:00.
    EXPECT_FALSE(contains(w, at("2020-11-14T23:00:00+08:00"), kOff)); // Saturday night.
    EXPECT_FALSE(
        contains(w, at("2020-11-13T01:00:00+08:00"), kOff)); // Thursday's night, on Friday.
    EXPECT_EQ(next_boundary(w, at("2020-11-13T23:00:00+08:00"), kOff),
              at("2020-11-14T00:00:00+08:00"));
    EXPECT_EQ(next_boundary(w, at("2020-11-14T00:00:00+08:00"), kOff),
              at("2020-11-14T02:00:00+08:00"));
}

TEST(Window, SundayNightRunsIntoTheNextWeek) {
    Window w = hours_window("23:00-01:00", "7");
    EXPECT_TRUE(contains(w, at("2020-11-15T23:30:00+08:00"), kOff)); // Sunday.
    EXPECT_TRUE(contains(w, at("2020-11-16T00:30:00+08:00"), kOff)); // Monday, from Sunday's span.
    EXPECT_FALSE(contains(w, at("2020-11-16T23:30:00+08:00"), kOff));
}

TEST(Window, TwentyFourHundredEndsTheDay) {
    Window all = hours_window("00:00-24:00");
    EXPECT_TRUE(contains(all, at("2020-11-09T00:00:00+08:00"), kOff));
    EXPECT_TRUE(contains(all, at("2020-11-09T23:59:59+08:00"), kOff));
    Window evening = hours_window("18:00-24:00", "1");
    EXPECT_TRUE(contains(evening, at("2020-11-09T23:59:00+08:00"), kOff));  // Monday.
    EXPECT_FALSE(contains(evening, at("2020-11-10T00:00:00+08:00"), kOff)); // Tuesday midnight.
}

TEST(Window, WeekdaysAndSeveralSpans) {
    Window w = hours_window("08:00-12:00,14:00-18:00", "1-5");
    EXPECT_TRUE(contains(w, at("2020-11-09T09:00:00+08:00"), kOff));  // Monday morning.
    EXPECT_FALSE(contains(w, at("2020-11-09T13:00:00+08:00"), kOff)); // Lunch.
    EXPECT_TRUE(contains(w, at("2020-11-09T17:59:00+08:00"), kOff));
    EXPECT_FALSE(contains(w, at("2020-11-08T09:00:00+08:00"), kOff)); // Sunday.
    // Weekdays alone are whole local days, not UTC days.
    Window sat;
    sat.weekdays = *parse_weekdays("6");
    EXPECT_TRUE(contains(sat, at("2020-11-14T00:10:00+08:00"), kOff));
    EXPECT_FALSE(contains(sat, at("2020-11-13T23:50:00+08:00"), kOff));
}

TEST(Window, OpensBetweenFindsWindowsThatNeverOpen) {
    Window w = hours_window("08:00-18:00", "6,7");
    w.from = at("2020-11-09T00:00:00+08:00");  // Monday.
    w.until = at("2020-11-14T00:00:00+08:00"); // Before Saturday.
    EXPECT_FALSE(
        opens_between(w, at("2020-11-01T00:00:00+08:00"), at("2020-12-01T00:00:00+08:00"), kOff));
    w.until = at("2020-11-15T00:00:00+08:00");
    EXPECT_TRUE(
        opens_between(w, at("2020-11-01T00:00:00+08:00"), at("2020-12-01T00:00:00+08:00"), kOff));
}

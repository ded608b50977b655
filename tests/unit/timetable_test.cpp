#include "kiosk/content/timetable.hpp"

#include "../support/test_time.hpp"

#include <gtest/gtest.h>

using namespace kiosk;
using namespace kiosk::content;
using namespace std::chrono;
using kiosk::test::at;
using kiosk::test::kOff;

namespace {

Timetable week() {
    auto t = parse_timetable(R"({"events": [
      {"title": "晚会", "start": "2020-11-08T19:00:00+08:00", "end": "2020-11-09T01:00:00+08:00", "place": "礼堂", "invented": true},
      {"title": "启动仪式", "start": "2020-11-08T09:00:00+08:00", "end": "2020-11-08T11:00:00+08:00", "place": "潍坊职业学院"},
      {"title": "数控车", "start": "2020-11-08T13:00:00+08:00", "end": "2020-11-08T17:00:00+08:00", "place": "实训中心"},
      {"title": "展演", "start": "2020-11-08T13:00:00+08:00", "end": "2020-11-08T15:00:00+08:00", "place": "广场"},
      {"title": "研讨会", "start": "2020-11-10T09:00:00+08:00", "end": "2020-11-10T11:00:00+08:00", "place": "线上"}
    ]})",
                             "timetable.json");
    EXPECT_TRUE(t) << t.error().message;
    return *t;
}

std::vector<std::pair<std::string, EventState>> states(const DayView& v) {
    std::vector<std::pair<std::string, EventState>> out;
    for (const auto& e : v.entries)
        out.emplace_back(e.event->title, e.state);
    return out;
}

} // namespace

TEST(Timetable, SortsByStart) {
    auto t = week();
    EXPECT_EQ(t.events.front().title, "启动仪式");
    EXPECT_TRUE(t.events.back().invented == false && t.events.back().title == "研讨会");
}

TEST(Timetable, LaunchCeremonyIsRunningAt0930) {
    auto t = week();
    auto v = day_view(t, at("2020-11-08T09:30:00+08:00"), hours{8});
    auto s = states(v);
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0], std::make_pair(std::string("启动仪式"), EventState::Running));
    // Both events starting at 13:00 are next.
    EXPECT_EQ(s[1].second, EventState::Next);
    EXPECT_EQ(s[2].second, EventState::Next);
    EXPECT_EQ(s[3].second, EventState::Later);
    EXPECT_EQ(v.next_later, nullptr);
}

TEST(Timetable, BoundariesAreHalfOpen) {
    auto t = week();
    auto v = day_view(t, at("2020-11-08T11:00:00+08:00"), hours{8});
    EXPECT_EQ(v.entries[0].state, EventState::Past);
    auto w = day_view(t, at("2020-11-08T09:00:00+08:00"), hours{8});
    EXPECT_EQ(w.entries[0].state, EventState::Running);
}

TEST(Timetable, AnEventAcrossMidnightBelongsToBothDays) {
    auto t = week();
    auto v = day_view(t, at("2020-11-09T00:30:00+08:00"), hours{8});
    ASSERT_EQ(v.entries.size(), 1u);
    EXPECT_EQ(v.entries[0].event->title, "晚会");
    EXPECT_EQ(v.entries[0].state, EventState::Running);
    // While it runs the day is not over; once it ends, the next event is on the 10th.
    EXPECT_EQ(v.next_later, nullptr);
    auto later = day_view(t, at("2020-11-09T02:00:00+08:00"), hours{8});
    ASSERT_NE(later.next_later, nullptr);
    EXPECT_EQ(later.next_later->title, "研讨会");
}

TEST(Timetable, DayIsTheBundlesLocalDayNotUtc) {
    // 2020-11-08T23:30Z is already the 9th in Weifang.
    auto t = week();
    auto v = day_view(t, at("2020-11-08T23:30:00Z"), hours{8});
    EXPECT_EQ(v.day_start, at("2020-11-09T00:00:00+08:00"));
}

TEST(Timetable, EmptyDayAndEndOfWeek) {
    auto t = week();
    auto v = day_view(t, at("2020-11-12T10:00:00+08:00"), hours{8});
    EXPECT_TRUE(v.entries.empty());
    EXPECT_EQ(v.next_later, nullptr);
}

TEST(Timetable, NextChangeIsTheNextStartOrEndOrMidnight) {
    auto t = week();
    EXPECT_EQ(next_change(t, at("2020-11-08T09:30:00+08:00"), hours{8}),
              at("2020-11-08T11:00:00+08:00"));
    EXPECT_EQ(next_change(t, at("2020-11-11T09:30:00+08:00"), hours{8}),
              at("2020-11-12T00:00:00+08:00"));
}

TEST(Timetable, RefusesBadEventsNamingTheField) {
    auto bad = parse_timetable(
        R"({"events": [{"title": "x", "start": "2020-11-08T09:00:00+08:00", "end": "2020-11-08T08:00:00+08:00"}]})",
        "tt.json");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message, "tt.json: events[0]: field \"end\" must be after \"start\"");
    auto no_tz = parse_timetable(
        R"({"events": [{"title": "x", "start": "2020-11-08T09:00:00", "end": "2020-11-08T10:00:00+08:00"}]})",
        "tt.json");
    ASSERT_FALSE(no_tz);
    EXPECT_NE(no_tz.error().message.find("field \"start\""), std::string::npos);
}

// The scheduler: day-parting, notices, emergencies and a simulated week of proof of play.
#include "kiosk/content/player.hpp"
#include "kiosk/ui/show.hpp"

#include "../support/test_time.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace kiosk;
using namespace kiosk::content;
using namespace std::chrono;
using kiosk::test::at;
using kiosk::test::kOff;

namespace {

Player::ReadyFn all_ready() {
    return [](std::size_t) { return Readiness::Ready; };
}

Window daily(const char* span, const char* weekdays = nullptr) {
    Window w;
    w.hours.push_back(*parse_hours(span));
    if (weekdays)
        w.weekdays = *parse_weekdays(weekdays);
    return w;
}

Window range(const char* from, const char* until) {
    Window w;
    w.from = at(from);
    w.until = at(until);
    return w;
}

PlayItem item(std::size_t slide, int seconds_on, Window w = {}) {
    return {slide, seconds{seconds_on}, Transition::Fade, w};
}

// Runs the player from `from` to `to` the way the kiosk does: from one deadline to the next.
std::vector<Played> run(Player& p, TimePoint from, TimePoint to) {
    std::vector<Played> log;
    p.on_played([&](const Played& x) { log.push_back(x); });
    TimePoint t = from;
    p.update(t, all_ready());
    while (t < to) {
        TimePoint next = std::min(p.next_deadline(t), to);
        if (next <= t)
            next = t + milliseconds{1};
        t = next;
        p.update(t, all_ready());
    }
    p.finish(to);
    return log;
}

std::vector<std::size_t> order(const std::vector<Played>& log) {
    std::vector<std::size_t> out;
    for (const auto& x : log)
        out.push_back(x.slide);
    return out;
}

} // namespace

TEST(Schedule, NoticesAreInterleavedEveryNPlaylistSlides) {
    Schedule s{{item(0, 10), item(1, 10), item(2, 10)}, {item(7, 5), item(8, 5)}, {}, 2, kOff};
    Player p(s);
    auto log = run(p, at("2020-11-09T10:00:00+08:00"), at("2020-11-09T10:01:40+08:00"));
    auto o = order(log);
    ASSERT_GE(o.size(), 10u);
    EXPECT_EQ((std::vector<std::size_t>(o.begin(), o.begin() + 10)),
              (std::vector<std::size_t>{0, 1, 7, 2, 0, 8, 1, 2, 7, 0}));
}

TEST(Schedule, AnExpiredNoticeStopsBeingShown) {
    Schedule s{{item(0, 10), item(1, 10)},
               {item(7, 5, range("2020-11-09T00:00:00+08:00", "2020-11-09T10:00:30+08:00"))},
               {},
               1,
               kOff};
    Player p(s);
    auto log = run(p, at("2020-11-09T10:00:00+08:00"), at("2020-11-09T10:02:00+08:00"));
    auto o = order(log);
    ASSERT_GE(o.size(), 6u);
    EXPECT_EQ((std::vector<std::size_t>(o.begin(), o.begin() + 4)),
              (std::vector<std::size_t>{0, 7, 1, 7}));
    for (const auto& x : log) {
        if (x.slide == 7) {
            EXPECT_LE(x.end, at("2020-11-09T10:00:30+08:00"));
        }
    }
    EXPECT_EQ(o.back() == 7, false);
}

TEST(Schedule, AnEmergencyTakesTheScreenAtOnceAndLeavesWhenItsWindowEnds) {
    Schedule s{{item(0, 10), item(1, 10)},
               {},
               {item(9, 30, range("2020-11-09T10:00:15+08:00", "2020-11-09T10:00:45+08:00"))},
               4,
               kOff};
    Player p(s);
    std::vector<Played> log;
    p.on_played([&](const Played& x) { log.push_back(x); });
    auto t0 = at("2020-11-09T10:00:00+08:00");
    p.update(t0, all_ready());
    p.update(t0 + seconds{16},
             all_ready()); // Woken a second late: the change is still at 10:00:15.
    EXPECT_TRUE(p.emergency());
    EXPECT_EQ(p.current_slide(), 9u);
    EXPECT_EQ(p.current_start(), t0 + seconds{15});
    EXPECT_EQ(p.transition(), Transition::Cut);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[1].slide, 1u);
    EXPECT_EQ(log[1].end, t0 + seconds{15});
    // It stays past its own duration while its window is open, then the playlist resumes.
    p.update(t0 + seconds{44}, all_ready());
    EXPECT_EQ(p.current_slide(), 9u);
    p.update(t0 + seconds{45}, all_ready());
    EXPECT_FALSE(p.emergency());
    EXPECT_EQ(p.current_slide(), 0u);
    EXPECT_EQ(log.back().slide, 9u);
    EXPECT_EQ(log.back().start, t0 + seconds{15});
    EXPECT_EQ(log.back().end, t0 + seconds{45});
}

TEST(Schedule, OverlappingEmergenciesTakeTurnsUntilEachExpires) {
    Schedule s{{item(0, 10)},
               {},
               {item(8, 10, range("2020-11-09T10:00:20+08:00", "2020-11-09T10:01:20+08:00")),
                item(9, 10, range("2020-11-09T10:00:40+08:00", "2020-11-09T10:01:00+08:00"))},
               4,
               kOff};
    Player p(s);
    auto log = run(p, at("2020-11-09T10:00:00+08:00"), at("2020-11-09T10:01:40+08:00"));
    // 0 until :20; 8 alone until :40; 8 and 9 alternate until 9 expires at 1:00; 8 until 1:20; 0.
    std::vector<std::pair<std::size_t, int>> got;
    for (const auto& x : log)
        got.emplace_back(
            x.slide,
            static_cast<int>(
                duration_cast<seconds>(x.start - at("2020-11-09T10:00:00+08:00")).count()));
    EXPECT_EQ(got, (std::vector<std::pair<std::size_t, int>>{
                       {0, 0}, {8, 20}, {9, 40}, {8, 50}, {0, 80}}));
}

TEST(Schedule, DayPartingCutsASlideWhenItsWindowCloses) {
    // A day slide and a night slide across midnight.
    Schedule s{
        {item(0, 15, daily("08:00-18:00")), item(1, 15, daily("18:00-08:00"))}, {}, {}, 4, kOff};
    Player p(s);
    auto log = run(p, at("2020-11-09T17:59:50+08:00"), at("2020-11-10T08:00:20+08:00"));
    ASSERT_GE(log.size(), 3u);
    EXPECT_EQ(log[0].slide, 0u);
    EXPECT_EQ(log[0].end, at("2020-11-09T18:00:00+08:00"));
    EXPECT_EQ(log[1].slide, 1u);
    EXPECT_EQ(log[1].start, at("2020-11-09T18:00:00+08:00"));
    // The night slide runs alone all night (one record) and gives way at 08:00.
    EXPECT_EQ(log[1].end, at("2020-11-10T08:00:00+08:00"));
    EXPECT_EQ(log[2].slide, 0u);
}

TEST(Schedule, ASlideWaitingForTheNextOneToDecodeLeavesWhenItsWindowCloses) {
    Schedule s{{item(0, 600, daily("08:00-18:00")), item(1, 10)}, {}, {}, 4, kOff};
    Player p(s);
    std::vector<Played> log;
    p.on_played([&](const Played& x) { log.push_back(x); });
    Readiness slide1 = Readiness::Pending;
    auto ready = [&](std::size_t slide) { return slide == 1 ? slide1 : Readiness::Ready; };
    p.update(at("2020-11-09T17:55:00+08:00"), ready);
    EXPECT_EQ(p.current_slide(), 0u);
    p.update(at("2020-11-09T18:00:30+08:00"), ready);
    EXPECT_FALSE(p.current_slide()); // Not past its window, even while slide 1 decodes.
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].end, at("2020-11-09T18:00:00+08:00"));
    slide1 = Readiness::Ready;
    p.update(at("2020-11-09T18:00:31+08:00"), ready);
    EXPECT_EQ(p.current_slide(), 1u);
}

TEST(Schedule, NothingValidShowsNothingUntilAWindowOpens) {
    Schedule s{{item(0, 10, daily("09:00-10:00", "1-5"))}, {}, {}, 4, kOff};
    Player p(s);
    p.update(at("2020-11-08T12:00:00+08:00"), all_ready()); // Sunday.
    EXPECT_FALSE(p.current_slide());
    EXPECT_FALSE(p.exhausted());
    EXPECT_EQ(p.next_deadline(at("2020-11-08T12:00:00+08:00")), at("2020-11-09T00:00:00+08:00"));
    p.update(at("2020-11-09T09:00:00+08:00"), all_ready());
    EXPECT_EQ(p.current_slide(), 0u);
    EXPECT_EQ(p.current_start(), at("2020-11-09T09:00:00+08:00"));
}

TEST(Schedule, TargetingKeepsOnlyThisDisplaysSlides) {
    Bundle b;
    b.manifest.utc_offset = kOff;
    auto slide = [&](const char* id, std::vector<std::string> tags,
                     Priority pr = Priority::Normal) {
        Slide s;
        s.id = id;
        s.kind = SlideKind::Text;
        s.tags = std::move(tags);
        s.priority = pr;
        b.manifest.slides.push_back(s);
        b.manifest.playlist.push_back(id);
    };
    slide("all", {});
    slide("hall-a", {"hall-a"});
    slide("entrance", {"entrance", "portrait"});
    slide("alarm-a", {"hall-a"}, Priority::Emergency);
    auto ids = [&](const std::vector<PlayItem>& items) {
        std::vector<std::string> out;
        for (const auto& i : items)
            out.push_back(b.manifest.slides[i.slide].id);
        return out;
    };
    auto a = content::make_schedule(b, {"hall-a"});
    EXPECT_EQ(ids(a.playlist), (std::vector<std::string>{"all", "hall-a"}));
    EXPECT_EQ(ids(a.emergencies), (std::vector<std::string>{"alarm-a"}));
    auto portrait = content::make_schedule(b, {"portrait"});
    EXPECT_EQ(ids(portrait.playlist), (std::vector<std::string>{"all", "entrance"}));
    EXPECT_TRUE(portrait.emergencies.empty());
    auto none = content::make_schedule(b, {});
    EXPECT_EQ(ids(none.playlist), (std::vector<std::string>{"all"}));
}

TEST(Schedule, ASimulatedWeekShowsEverySlideOnlyInsideItsWindowAndEachDayItIsValid) {
    std::vector<Window> windows = {
        {},                          // 0: always
        daily("08:00-18:00", "1-5"), // 1: office hours, weekdays
        daily("18:00-08:00"),        // 2: nights, across midnight
        daily("22:00-02:00", "6,7"), // 3: weekend late nights
        range("2020-11-08T00:00:00+08:00", "2020-11-09T12:00:00+08:00"), // 4: launch days
        daily("12:00-13:00"),                                            // 5: lunch
    };
    Schedule s;
    s.utc_offset = kOff;
    s.notice_every = 3;
    for (std::size_t i = 0; i < windows.size(); ++i)
        s.playlist.push_back(item(i, 10 + static_cast<int>(i), windows[i]));
    windows.push_back(range("2020-11-10T00:00:00+08:00", "2020-11-12T00:00:00+08:00"));
    s.notices.push_back(item(6, 8, windows.back())); // 6: a notice for two days
    windows.push_back(range("2020-11-11T15:00:00+08:00", "2020-11-11T15:30:00+08:00"));
    s.emergencies.push_back(item(7, 20, windows.back())); // 7: half an hour of emergency
    Player p(s);
    const TimePoint from = at("2020-11-08T00:00:00+08:00");
    const TimePoint to = from + days{7};
    auto log = run(p, from, to);
    ASSERT_GT(log.size(), 10000u);

    // Inside its window for every moment it was on screen.
    for (const auto& x : log) {
        const Window& w = windows[x.slide];
        ASSERT_LT(x.start, x.end);
        for (TimePoint t = x.start; t < x.end; t = next_boundary(w, t, kOff))
            ASSERT_TRUE(contains(w, t, kOff))
                << "slide " << x.slide << " outside its window at " << format_iso(t, kOff);
        ASSERT_TRUE(contains(w, x.end - milliseconds{1}, kOff)) << "slide " << x.slide;
    }
    // Shown each day its window is open for at least ten minutes of that day.
    for (int d = 0; d < 7; ++d) {
        TimePoint day = from + days{d};
        for (std::size_t slide = 0; slide < windows.size(); ++slide) {
            int open_minutes = 0;
            for (TimePoint t = day; t < day + days{1}; t += minutes{1})
                open_minutes += contains(windows[slide], t, kOff);
            bool shown = std::any_of(log.begin(), log.end(), [&](const Played& x) {
                return x.slide == slide && x.start >= day && x.start < day + days{1};
            });
            if (open_minutes >= 10) {
                EXPECT_TRUE(shown) << "slide " << slide << " not shown on day " << d;
            } else if (open_minutes == 0) {
                EXPECT_FALSE(shown) << "slide " << slide << " shown on day " << d;
            }
        }
    }
    // The emergency held the screen for its whole window, and nothing else did meanwhile.
    for (const auto& x : log) {
        bool overlaps = x.start < windows[7].until && x.end > windows[7].from;
        if (overlaps) {
            EXPECT_EQ(x.slide, 7u) << format_iso(x.start, kOff);
        }
    }
}

TEST(Schedule, ASlideThatStartsAsThePlayerStopsIsNotLoggedAsPlayed) {
    Schedule s{{item(0, 10), item(1, 10)}, {}, {}, 4, kOff};
    Player p(s);
    TimePoint t0 = at("2020-11-09T10:00:00+08:00");
    auto log = run(p, t0, t0 + seconds{20}); // Slide 0 again starts exactly at the end.
    ASSERT_EQ(log.size(), 2u);
    for (const auto& x : log)
        EXPECT_GT(x.end, x.start);
}

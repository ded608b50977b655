// Touch browsing as pure logic: gestures from pointer events, the browsing state machine on the
// sample week, target sizes in millimetres, QR codes, and replay files.
#include "../support/fake_metrics.hpp"
#include "../support/test_time.hpp"
#include "kiosk/app/replay.hpp"
#include "kiosk/content/bundle.hpp"
#include "kiosk/ui/browse.hpp"
#include "kiosk/ui/gesture.hpp"
#include "kiosk/ui/qr.hpp"
#include "kiosk/ui/show.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace kiosk;
using namespace kiosk::ui;
using namespace std::chrono;
using kiosk::test::at;

namespace {

using PK = PointerEvent::Kind;
using GK = Gesture::Kind;

GestureSettings settings() {
    GestureSettings s;
    s.px_per_mm = 2.0; // 6 mm slop = 12 px, 25 mm swipe = 50 px.
    s.holds = {milliseconds{800}, seconds{5}};
    return s;
}

std::vector<GK> kinds(const std::vector<Gesture>& gs) {
    std::vector<GK> out;
    for (const auto& g : gs)
        out.push_back(g.kind);
    return out;
}

const TimePoint t0 = at("2020-11-09T10:30:00+08:00");

} // namespace

TEST(Gesture, ATapIsDownAndUpInPlaceQuickly) {
    GestureRecognizer r(settings());
    EXPECT_EQ(kinds(r.feed({PK::Down, {100, 100}, t0})), std::vector<GK>{GK::Press});
    EXPECT_TRUE(r.feed({PK::Move, {105, 104}, t0 + milliseconds{50}}).empty()); // Within 6 mm.
    auto up = r.feed({PK::Up, {106, 104}, t0 + milliseconds{120}});
    ASSERT_EQ(kinds(up), std::vector<GK>{GK::Tap});
    EXPECT_EQ(up[0].at.x, 100);
    EXPECT_FALSE(r.down());
}

TEST(Gesture, MovingBeyondTheSlopIsADragThenASwipeOrNothing) {
    GestureRecognizer r(settings());
    r.feed({PK::Down, {300, 200}, t0});
    EXPECT_EQ(kinds(r.feed({PK::Move, {280, 200}, t0 + milliseconds{30}})),
              std::vector<GK>{GK::Drag});
    auto up = r.feed({PK::Up, {200, 210}, t0 + milliseconds{200}});
    ASSERT_EQ(kinds(up), std::vector<GK>{GK::Swipe});
    EXPECT_EQ(up[0].dx, -100);
    EXPECT_EQ(up[0].dy, 10);

    // 20 px is past the slop but short of a 25 mm swipe: the touch ends with nothing done.
    r.feed({PK::Down, {300, 200}, t0});
    EXPECT_EQ(kinds(r.feed({PK::Up, {320, 200}, t0 + milliseconds{100}})),
              (std::vector<GK>{GK::Drag, GK::Release}));
}

TEST(Gesture, ThresholdsAreInMillimetres) {
    GestureSettings small = settings();
    small.px_per_mm = 8.0; // A 10-inch tablet: 6 mm is 48 px.
    GestureRecognizer r(small);
    r.feed({PK::Down, {100, 100}, t0});
    EXPECT_EQ(kinds(r.feed({PK::Up, {140, 100}, t0 + milliseconds{100}})),
              std::vector<GK>{GK::Tap});
    EXPECT_NEAR(ScreenPhysical{55}.px_per_mm({1920, 1080}), 1.577, 0.01);
    EXPECT_NEAR(ScreenPhysical{10.1}.px_per_mm({1280, 800}), 5.88, 0.01);
}

TEST(Gesture, HoldsAreReportedOnceEachAndAHeldTouchIsNoTap) {
    GestureRecognizer r(settings());
    r.feed({PK::Down, {10, 10}, t0});
    ASSERT_TRUE(r.deadline());
    EXPECT_EQ(*r.deadline(), t0 + milliseconds{800});
    EXPECT_TRUE(r.tick(t0 + milliseconds{799}).empty());
    auto first = r.tick(t0 + milliseconds{800});
    ASSERT_EQ(kinds(first), std::vector<GK>{GK::Hold});
    EXPECT_EQ(first[0].held, milliseconds{800});
    EXPECT_TRUE(r.tick(t0 + seconds{2}).empty());
    EXPECT_EQ(*r.deadline(), t0 + seconds{5});
    auto second = r.tick(t0 + seconds{6});
    ASSERT_EQ(kinds(second), std::vector<GK>{GK::Hold});
    EXPECT_EQ(second[0].held, seconds{5});
    EXPECT_FALSE(r.deadline());
    EXPECT_EQ(kinds(r.feed({PK::Up, {10, 10}, t0 + seconds{7}})), std::vector<GK>{GK::Release});
}

TEST(Gesture, ASecondFingerIsIgnoredAndACancelEndsTheTouch) {
    GestureRecognizer r(settings());
    r.feed({PK::Down, {100, 100}, t0, 1});
    EXPECT_TRUE(r.feed({PK::Down, {500, 500}, t0 + milliseconds{10}, 2}).empty());
    EXPECT_TRUE(r.feed({PK::Up, {500, 500}, t0 + milliseconds{20}, 2}).empty());
    EXPECT_EQ(kinds(r.feed({PK::Cancel, {100, 100}, t0 + milliseconds{30}, 1})),
              std::vector<GK>{GK::Release});
    EXPECT_FALSE(r.down());
}

namespace {

std::shared_ptr<const content::Bundle> sample() {
    static auto b = [] {
        auto loaded = content::load_bundle(std::filesystem::path(KIOSK_SOURCE_DIR) / "content");
        EXPECT_TRUE(loaded.has_value());
        return *loaded;
    }();
    return b;
}

std::vector<std::size_t> all_slides(const content::Bundle& b) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < b.manifest.slides.size(); ++i)
        out.push_back(i);
    return out;
}

struct Rig {
    test::FakeMetrics metrics;
    BrowseSettings s;
    std::unique_ptr<Browser> b;
    TimePoint now = t0;

    explicit Rig(Size screen = {1920, 1080}, double diagonal = 55) {
        s.px_per_mm = ScreenPhysical{diagonal}.px_per_mm(screen);
        s.slides = all_slides(*sample());
        s.admin_enabled = true;
        b = std::make_unique<Browser>(s, sample(), metrics, screen);
        b->set_pin_check([](const std::string& pin) { return pin == "2468"; });
        b->set_status([] { return StatusLines{{"显示屏编号", "hall-a-1"}}; });
    }
    Effect gesture(GK kind, Point p, int dx = 0, Duration held = {}) {
        Gesture g{kind, p, dx, 0, held};
        auto e = b->on_gesture(g, now);
        b->update(now, false);
        return e;
    }
    Point centre(const std::string& name) {
        for (const auto& t : b->targets(now))
            if (t.name == name)
                return {t.rect.x + t.rect.w / 2, t.rect.y + t.rect.h / 2};
        ADD_FAILURE() << "no target " << name << " on " << screen_name(b->screen());
        return {-1, -1};
    }
    Effect tap(const std::string& name) {
        Point p = centre(name);
        gesture(GK::Press, p);
        now += milliseconds{100};
        return gesture(GK::Tap, p);
    }
    void touch_slideshow() {
        gesture(GK::Press, {960, 540});
        now += milliseconds{100};
        gesture(GK::Tap, {960, 540});
    }
    void wait(Duration d) {
        now += d;
        b->update(now, false);
    }
};

} // namespace

TEST(Browse, TheFirstTouchOpensHomeAndDoesNothingElse) {
    Rig r;
    EXPECT_EQ(r.b->screen(), Screen::Slideshow);
    EXPECT_FALSE(r.b->visible());
    EXPECT_TRUE(r.b->targets(r.now).empty()); // The slideshow has no targets of its own.
    r.gesture(GK::Press, {960, 540});
    EXPECT_EQ(r.b->screen(), Screen::Home);
    EXPECT_LT(r.b->opacity(r.now), 1.0); // Fading in.
    r.now += milliseconds{100};
    r.gesture(GK::Tap, {960, 540}); // Lands on a tile, but belongs to the opening touch.
    EXPECT_EQ(r.b->screen(), Screen::Home);
    r.wait(seconds{1});
    EXPECT_DOUBLE_EQ(r.b->opacity(r.now), 1.0);
}

TEST(Browse, EverySectionOpensAndBackAndHomeLeadOut) {
    Rig r;
    r.touch_slideshow();
    const std::pair<const char*, Screen> sections[] = {{"tile:gallery", Screen::Gallery},
                                                       {"tile:schedule", Screen::Schedule},
                                                       {"tile:results", Screen::Results},
                                                       {"tile:about", Screen::About},
                                                       {"tile:online", Screen::Online}};
    for (const auto& [tile, screen] : sections) {
        r.tap(tile);
        EXPECT_EQ(r.b->screen(), screen) << tile;
        r.tap("back");
        EXPECT_EQ(r.b->screen(), Screen::Home) << tile;
    }
    r.tap("tile:gallery");
    r.tap("poster");
    EXPECT_EQ(r.b->screen(), Screen::Poster);
    r.tap("home");
    EXPECT_EQ(r.b->screen(), Screen::Home);
    r.tap("leave");
    EXPECT_TRUE(r.b->animating(r.now));
    r.wait(seconds{2});
    EXPECT_EQ(r.b->screen(), Screen::Slideshow);
}

TEST(Browse, TheGalleryStopsAtBothEnds) {
    Rig r;
    r.touch_slideshow();
    r.tap("tile:gallery");
    EXPECT_EQ(r.b->item(), 0);
    r.gesture(GK::Swipe, {900, 500}, +300); // Right: the previous one; there is none.
    EXPECT_EQ(r.b->item(), 0);
    int posters = 0;
    for (const auto& s : sample()->manifest.slides)
        posters +=
            s.kind == content::SlideKind::Image && s.priority != content::Priority::Emergency;
    ASSERT_GT(posters, 2);
    for (int i = 0; i < posters + 3; ++i)
        r.gesture(GK::Swipe, {900, 500}, -300);
    EXPECT_EQ(r.b->item(), posters - 1);
    // At the end the "next" arrow is no target; "previous" is.
    for (const auto& t : r.b->targets(r.now))
        EXPECT_NE(t.name, "next");
    r.tap("prev");
    EXPECT_EQ(r.b->item(), posters - 2);
}

TEST(Browse, APressShowsOnTheNextFrame) {
    Rig r;
    r.touch_slideshow();
    r.wait(seconds{1});
    Point p = r.centre("tile:gallery");
    DrawList before;
    before.screen = {1920, 1080};
    Canvas cb(before);
    r.b->paint(cb, r.now);
    r.gesture(GK::Press, p);
    DrawList after;
    after.screen = {1920, 1080};
    Canvas ca(after);
    r.b->paint(ca, r.now);
    EXPECT_NE(before.to_text(), after.to_text());
    r.gesture(GK::Drag, p); // Moved away: the pressed look goes.
    DrawList dragged;
    dragged.screen = {1920, 1080};
    Canvas cd(dragged);
    r.b->paint(cd, r.now);
    EXPECT_EQ(before.to_text(), dragged.to_text());
}

TEST(Browse, QuietForTheIdleTimeFadesBackToTheSlideshow) {
    Rig r;
    r.touch_slideshow();
    r.tap("tile:schedule");
    EXPECT_EQ(r.b->next_change(r.now) - r.now, seconds{60});
    r.wait(seconds{59});
    EXPECT_EQ(r.b->screen(), Screen::Schedule);
    r.wait(seconds{1});
    EXPECT_TRUE(r.b->animating(r.now));
    EXPECT_EQ(r.b->opacity(r.now), 1.0);
    r.wait(milliseconds{500});
    EXPECT_NEAR(r.b->opacity(r.now), 0.5, 0.01);
    r.wait(milliseconds{500});
    EXPECT_EQ(r.b->screen(), Screen::Slideshow);
    // The next visitor starts on a fresh home screen.
    r.touch_slideshow();
    EXPECT_EQ(r.b->screen(), Screen::Home);
}

TEST(Browse, ATouchWhileFadingOutBringsItBack) {
    Rig r;
    r.touch_slideshow();
    r.wait(seconds{61});
    ASSERT_TRUE(r.b->animating(r.now));
    r.gesture(GK::Press, {960, 540});
    EXPECT_EQ(r.b->screen(), Screen::Home);
    r.wait(seconds{1});
    EXPECT_DOUBLE_EQ(r.b->opacity(r.now), 1.0);
}

TEST(Browse, AnEmergencyClosesBrowsingAndTouchesOpenNothingOverIt) {
    Rig r;
    r.touch_slideshow();
    r.tap("tile:gallery");
    r.b->update(r.now, true);
    EXPECT_EQ(r.b->screen(), Screen::Slideshow);
    r.b->on_gesture({GK::Press, {960, 540}}, r.now);
    r.b->update(r.now, true);
    EXPECT_EQ(r.b->screen(), Screen::Slideshow);
}

TEST(Browse, TheScheduleOpensOnTodayAndShowsEveryDayOfTheWeek) {
    Rig r;
    r.now = at("2020-11-11T09:00:00+08:00");
    r.touch_slideshow();
    r.tap("tile:schedule");
    EXPECT_EQ(r.b->item(), 3); // 8, 9, 10, 11 November.
    int days = 0;
    for (const auto& t : r.b->targets(r.now))
        days += t.name.starts_with("day:");
    EXPECT_EQ(days, 7);
    r.tap("day:6");
    EXPECT_EQ(r.b->item(), 6);
    r.gesture(GK::Swipe, {900, 700}, +300);
    EXPECT_EQ(r.b->item(), 5);
}

TEST(Browse, TheAdminCornerAsksForThePinAndOnlyTheRightOneOpens) {
    Rig r;
    // A long press that is not long enough, or not in the corner, does nothing.
    r.gesture(GK::Press, {10, 10});
    r.gesture(GK::Hold, {10, 10}, 0, milliseconds{800});
    EXPECT_EQ(r.b->screen(), Screen::Home);
    r.gesture(GK::Hold, {900, 10}, 0, seconds{5});
    EXPECT_NE(r.b->screen(), Screen::Pin);
    r.gesture(GK::Hold, {10, 10}, 0, seconds{5});
    EXPECT_EQ(r.b->screen(), Screen::Pin);
    r.gesture(GK::Release, {10, 10});
    EXPECT_EQ(r.b->screen(), Screen::Pin);
    auto enter = [&](const std::string& pin) {
        for (char c : pin)
            r.tap(std::string("digit:") + c);
        return r.tap("pin-enter");
    };
    EXPECT_EQ(enter("1111"), Effect::None);
    EXPECT_EQ(r.b->screen(), Screen::Pin);
    enter("1112");
    enter("1113");
    // Three wrong: the keypad is locked for 30 s; its keys are no targets.
    for (const auto& t : r.b->targets(r.now))
        EXPECT_FALSE(t.name.starts_with("digit:")) << t.name;
    r.wait(seconds{31});
    EXPECT_EQ(enter("2468"), Effect::None);
    EXPECT_EQ(r.b->screen(), Screen::Admin);
    EXPECT_EQ(r.tap("admin:restart"), Effect::Restart);
    EXPECT_EQ(r.tap("admin:exit"), Effect::Exit);
}

TEST(Browse, WithoutAConfiguredPinTheCornerOpensNothing) {
    Rig r;
    r.s.admin_enabled = false;
    Browser b(r.s, sample(), r.metrics, {1920, 1080});
    b.on_gesture({GK::Press, {10, 10}}, r.now);
    b.on_gesture({GK::Hold, {10, 10}, 0, 0, seconds{5}}, r.now);
    EXPECT_NE(b.screen(), Screen::Pin);
}

TEST(Browse, NoTouchTargetIsSmallerThanNineMillimetres) {
    struct Screenful {
        Size px;
        double inches;
    };
    for (auto cfg :
         {Screenful{{1920, 1080}, 55}, Screenful{{1080, 1920}, 55}, Screenful{{1280, 800}, 10.1},
          Screenful{{800, 1280}, 10.1}, Screenful{{3840, 2160}, 32}}) {
        Rig r(cfg.px, cfg.inches);
        double min_px = 9.0 * r.s.px_per_mm - 1;
        r.touch_slideshow();
        auto check = [&](const char* where) {
            auto targets = r.b->targets(r.now);
            EXPECT_FALSE(targets.empty()) << where;
            for (const auto& t : targets) {
                EXPECT_GE(t.rect.w, min_px) << where << " " << t.name << " at " << cfg.px.w;
                EXPECT_GE(t.rect.h, min_px) << where << " " << t.name << " at " << cfg.px.w;
            }
        };
        check("home");
        for (const char* tile :
             {"tile:gallery", "tile:schedule", "tile:results", "tile:about", "tile:online"}) {
            r.tap(tile);
            check(tile);
            r.tap("back");
        }
        r.gesture(GK::Hold, {2, 2}, 0, seconds{5});
        r.gesture(GK::Release, {2, 2});
        ASSERT_EQ(r.b->screen(), Screen::Pin);
        check("pin");
    }
}

TEST(Browse, ANewBundleKeepsThePlaceWhereItCan) {
    Rig r;
    r.touch_slideshow();
    r.tap("tile:gallery");
    r.tap("next");
    r.tap("next");
    EXPECT_EQ(r.b->item(), 2);
    auto smaller = std::make_shared<content::Bundle>(*sample());
    r.b->set_bundle(smaller, {0, 1}); // Only the first two slides for this display now.
    EXPECT_LE(r.b->item(), 1);
    EXPECT_EQ(r.b->screen(), Screen::Gallery);
}

TEST(Qr, EncodesAndPaintsWithAQuietZone) {
    auto code = make_qr("https://live.example.org/weifang-2020/skills");
    ASSERT_TRUE(code.has_value());
    EXPECT_GE(code->size, 21);
    EXPECT_EQ((code->size - 17) % 4, 0); // A QR version's size.
    // The three finder patterns: dark corners.
    EXPECT_TRUE(code->at(0, 0));
    EXPECT_TRUE(code->at(code->size - 1, 0));
    EXPECT_TRUE(code->at(0, code->size - 1));
    EXPECT_FALSE(code->at(code->size - 1, code->size - 1) &&
                 code->at(code->size - 8, code->size - 8));
    DrawList list;
    list.screen = {400, 400};
    Canvas cv(list);
    Rect sq = paint_qr(cv, *code, {0, 0, 400, 400}, {0, 0, 0, 255}, {255, 255, 255, 255});
    int m = sq.w / (code->size + 8);
    EXPECT_EQ(sq.w, m * (code->size + 8));
    // The first dark run starts after four light modules.
    const auto& first = std::get<FillCmd>(list.cmds[1]);
    EXPECT_EQ(first.rect.x, sq.x + 4 * m);
    EXPECT_EQ(first.rect.y, sq.y + 4 * m);
    EXPECT_FALSE(make_qr("").has_value());
    EXPECT_FALSE(make_qr(std::string(8000, 'x')).has_value());
}

TEST(Replay, CommandsExpandIntoTimedSteps) {
    auto steps = app::parse_replay("# browse\n"
                                   "0.5 tap 960 540\n"
                                   "1 tap @tile:gallery   # by name\n"
                                   "2 swipe 1400 500 400 500 0.5\n"
                                   "3 key alt+f4\n"
                                   "3 window focus-lost\n"
                                   "4 pin 12\n"
                                   "9 shot out.png\n"
                                   "9 expect screen home\n"
                                   "9 expect item 2\n"
                                   "10 expect exit\n",
                                   "t.replay");
    ASSERT_TRUE(steps.has_value()) << steps.error().message;
    using K = app::ReplayStep::Kind;
    ASSERT_EQ(steps->size(), 2u + 2u + 6u + 1u + 1u + 6u + 4u);
    EXPECT_EQ((*steps)[0].kind, K::Down);
    EXPECT_EQ((*steps)[1].kind, K::Up);
    EXPECT_NEAR((*steps)[1].t, 0.58, 1e-9);
    EXPECT_EQ((*steps)[2].at.target, "tile:gallery");
    EXPECT_EQ((*steps)[5].kind, K::Move);
    EXPECT_EQ((*steps)[5].at.x, 1200);
    EXPECT_EQ((*steps)[9].kind, K::Up);
    EXPECT_NEAR((*steps)[9].t, 2.5, 1e-9);
    EXPECT_EQ((*steps)[10].arg, "alt+f4");
    EXPECT_EQ((*steps)[12].at.target, "digit:1");
    EXPECT_EQ((*steps)[16].at.target, "pin-enter");
    EXPECT_EQ(steps->back().kind, K::ExpectExit);
    EXPECT_EQ(steps->back().line, 11);
}

TEST(Replay, ABadLineIsRefusedWithItsNumber) {
    for (auto [text, what] :
         {std::pair{"1 tap 10\n", "t.replay:1: tap takes"}, std::pair{"x tap 1 2\n", "t.replay:1:"},
          std::pair{"2 tap 1 2\n1 tap 1 2\n", "t.replay:2: the time goes backwards"},
          std::pair{"1 dance\n", "unknown command \"dance\""},
          std::pair{"1 window explode\n", "window takes"},
          std::pair{"1 expect item 0\n", "expect item takes"}}) {
        auto r = app::parse_replay(text, "t.replay");
        ASSERT_FALSE(r.has_value()) << text;
        EXPECT_NE(r.error().message.find(what), std::string::npos) << r.error().message;
    }
}

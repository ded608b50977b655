// Scene tests: a fixed bundle at fixed times gives a draw list, compared with a reviewed golden
// file (KIOSK_UPDATE_GOLDEN=1 rewrites them) and checked for the facts that matter.
#include "../support/fake_metrics.hpp"
#include "kiosk/ui/show.hpp"

#include "../support/test_time.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

using namespace kiosk;
using namespace kiosk::content;
using namespace std::chrono;
using kiosk::test::at;
using kiosk::test::kOff;

namespace {

std::shared_ptr<const Bundle> fixture() {
    auto b = std::make_shared<Bundle>();
    auto& m = b->manifest;
    m.schema_version = 1;
    m.bundle_version = 7;
    m.utc_offset = hours{8};
    m.theme.header = "2020年潍坊市职业教育活动周 · 人人出彩，技能强国";
    m.theme.logo = "logo.svg";
    m.theme.ticker = {{"劳动光荣、技能宝贵、创造伟大", {}}, {"人人出彩，技能强国", {}}};
    m.assets["logo.svg"] = {"", 1, "image/svg+xml"};
    m.assets["poster.png"] = {"", 1, "image/png"};
    auto slide = [&](std::string id, SlideKind kind) {
        Slide s;
        s.id = std::move(id);
        s.kind = kind;
        return s;
    };
    Slide poster = slide("poster", SlideKind::Image);
    poster.asset = "poster.png";
    poster.fit = Fit::Cover;
    Slide notice = slide("notice", SlideKind::Text);
    notice.title = "疫情防控要求";
    notice.body = "进入场馆请佩戴口罩，配合测温、登记，保持一米以上安全距离。\n有发热、咳嗽等症状者"
                  "请勿参加现场活动（可通过“云上活动周”在线观看）。";
    Slide today = slide("today", SlideKind::Schedule);
    today.data = "tt.json";
    Slide results = slide("results", SlideKind::Results);
    results.data = "r.json";
    results.event = "数控车加工";
    results.transition = Transition::Slide;
    m.slides = {poster, notice, today, results};
    m.playlist = {"poster", "notice", "today", "results"};

    Timetable tt;
    tt.events.push_back({"活动周全国启动仪式暨改革试点赛开幕式", at("2020-11-08T09:00:00+08:00"),
                         at("2020-11-08T11:00:00+08:00"), "潍坊职业学院", true});
    tt.events.push_back({"职业技能展演", at("2020-11-08T13:00:00+08:00"),
                         at("2020-11-08T16:00:00+08:00"), "展示广场", false});
    tt.events.push_back({"网上研讨会", at("2020-11-09T09:00:00+08:00"),
                         at("2020-11-09T11:00:00+08:00"), "线上", false});
    b->timetables["tt.json"] = tt;
    Results r;
    r.sample = true;
    r.updated = at("2020-11-10T15:30:00+08:00");
    r.events.push_back({"数控车加工",
                        true,
                        {{"潍坊职业学院", "选手01", 88.5, "二等奖"},
                         {"潍坊工程职业学院", "选手02", 95.0, "一等奖"},
                         {"潍坊市工业学校", "选手03", 88.5, "二等奖"},
                         {"寿光市职业教育中心学校", "选手04", 70.0, ""}}});
    b->results["r.json"] = r;
    return b;
}

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void expect_golden(const std::string& name, const ui::DrawList& list) {
    std::string path = std::string(KIOSK_TEST_DIR) + "/scene/golden/" + name + ".txt";
    std::string text = list.to_text();
    if (std::getenv("KIOSK_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(path) << text;
        return;
    }
    EXPECT_EQ(read(path), text) << "golden " << path
                                << " differs; rerun with KIOSK_UPDATE_GOLDEN=1 and review the diff";
}

Player::ReadyFn all_ready() {
    return [](std::size_t) { return Readiness::Ready; };
}

// The y of the first text line equal to `s`, or -1.
int text_y(const ui::DrawList& l, const std::string& s) {
    for (const auto& c : l.cmds)
        if (const auto* t = std::get_if<ui::TextCmd>(&c); t && t->text == s)
            return t->y;
    return -1;
}

bool has_text(const ui::DrawList& l, const std::string& s) {
    return text_y(l, s) >= 0;
}

class Scene : public ::testing::Test {
protected:
    ui::DrawList frame_of(const std::string& slide_id, TimePoint t, Size size = {1920, 1080}) {
        ui::Show show(m_bundle, m_metrics, size);
        Player p = content::make_player(*m_bundle);
        const auto& items = p.items();
        for (std::size_t i = 0; i < items.size(); ++i)
            if (m_bundle->manifest.slides[items[i].slide].id == slide_id)
                p.begin_at(i);
        p.update(t, all_ready());
        return show.frame(p, t);
    }
    std::shared_ptr<const Bundle> m_bundle = fixture();
    test::FakeMetrics m_metrics;
};

} // namespace

TEST_F(Scene, ScheduleMarksTheLaunchCeremonyRunningAt0930) {
    auto l = frame_of("today", at("2020-11-08T09:30:00+08:00"));
    expect_golden("schedule-0930", l);
    ASSERT_TRUE(has_text(l, "进行中"));
    // The running badge sits on the ceremony's row, and the next event has the next badge.
    EXPECT_EQ(text_y(l, "09:00–11:00*"), text_y(l, "活动周全国启动仪式暨改革试点赛开幕式"));
    EXPECT_TRUE(has_text(l, "下一项"));
    EXPECT_TRUE(has_text(l, "今日活动 · 11月8日 星期日"));
    EXPECT_NE(l.to_text().find("时间、地点为示例安排"), std::string::npos);
}

TEST_F(Scene, ScheduleFollowsTheClock) {
    auto afternoon = frame_of("today", at("2020-11-08T14:00:00+08:00"));
    EXPECT_EQ(text_y(afternoon, "13:00–16:00"), text_y(afternoon, "职业技能展演"));
    EXPECT_TRUE(has_text(afternoon, "进行中"));
    // After the last event of the day the board says what comes tomorrow.
    auto evening = frame_of("today", at("2020-11-08T20:00:00+08:00"));
    EXPECT_FALSE(has_text(evening, "进行中"));
    EXPECT_NE(evening.to_text().find("今日活动已全部结束，下一项：11月9日 星期一 09:00 网上研讨会"),
              std::string::npos);
}

TEST_F(Scene, AnEveningEventStillRunningIsNotCalledOver) {
    auto b = std::make_shared<Bundle>(*m_bundle);
    b->timetables["tt.json"].events.push_back(
        {"晚会", at("2020-11-08T19:00:00+08:00"), at("2020-11-08T21:00:00+08:00"), "礼堂", false});
    ui::Show show(b, m_metrics, {1920, 1080});
    Player p = content::make_player(*b);
    p.begin_at(2);
    p.update(at("2020-11-08T19:30:00+08:00"), all_ready());
    auto l = show.frame(p, at("2020-11-08T19:30:00+08:00"));
    EXPECT_TRUE(has_text(l, "进行中"));
    EXPECT_EQ(l.to_text().find("全部结束"), std::string::npos);
}

TEST_F(Scene, TheTickerWorksBefore1970) {
    auto l = frame_of("poster", at("1969-12-31T23:59:55Z"));
    EXPECT_TRUE(has_text(l, "劳动光荣、技能宝贵、创造伟大") || has_text(l, "人人出彩，技能强国"));
    ui::Show show(m_bundle, m_metrics, {1920, 1080});
    Player p = content::make_player(*m_bundle);
    p.update(at("1969-12-31T23:59:55Z"), all_ready());
    EXPECT_EQ(show.next_change(p, at("1969-12-31T23:59:55Z")), at("1970-01-01T00:00:00Z"));
}

TEST_F(Scene, ResultsAreRankedWithTiesAndMarkedSample) {
    auto l = frame_of("results", at("2020-11-10T16:00:00+08:00"));
    expect_golden("results", l);
    EXPECT_TRUE(has_text(l, "示例"));
    EXPECT_TRUE(has_text(l, "最终成绩"));
    EXPECT_EQ(text_y(l, "1"), text_y(l, "潍坊工程职业学院"));
    EXPECT_EQ(std::count_if(l.cmds.begin(), l.cmds.end(),
                            [](const ui::DrawCmd& c) {
                                auto* t = std::get_if<ui::TextCmd>(&c);
                                return t && t->text == "2 并列";
                            }),
              2);
    EXPECT_EQ(text_y(l, "4"), text_y(l, "寿光市职业教育中心学校"));
}

TEST_F(Scene, TextNoticeIsBrokenIntoLinesInsideThePanel) {
    auto l = frame_of("notice", at("2020-11-08T09:30:00+08:00"));
    expect_golden("notice", l);
    for (const auto& c : l.cmds) {
        if (const auto* t = std::get_if<ui::TextCmd>(&c)) {
            int w = text::measure(t->text, m_metrics, t->style);
            EXPECT_LE(t->x + w, 1920) << t->text;
        }
    }
    EXPECT_TRUE(has_text(l, "疫情防控要求"));
}

TEST_F(Scene, ImageSlideAndOverlays) {
    auto l = frame_of("poster", at("2020-11-08T09:30:05+08:00"));
    expect_golden("poster", l);
    EXPECT_EQ(l.images(), (std::vector<std::string>{"poster.png", "logo.svg"}));
    EXPECT_TRUE(has_text(l, "09:30"));
    EXPECT_TRUE(has_text(l, "11月8日 星期日"));
    EXPECT_TRUE(has_text(l, "2020年潍坊市职业教育活动周 · 人人出彩，技能强国"));
    // The ticker changes every ten seconds.
    auto later = frame_of("poster", at("2020-11-08T09:30:15+08:00"));
    EXPECT_TRUE(has_text(l, "劳动光荣、技能宝贵、创造伟大") !=
                has_text(later, "劳动光荣、技能宝贵、创造伟大"));
}

TEST_F(Scene, PortraitSplitsTheHeaderAtTheDot) {
    auto l = frame_of("poster", at("2020-11-08T09:30:05+08:00"), {1080, 1920});
    expect_golden("poster-portrait", l);
    EXPECT_TRUE(has_text(l, "2020年潍坊市职业教育活动周"));
    EXPECT_TRUE(has_text(l, "人人出彩，技能强国"));
}

TEST_F(Scene, CrossfadeDrawsBothSlidesWithTheNewOneFadingInAsOnePicture) {
    ui::Show show(m_bundle, m_metrics, {1920, 1080});
    Player p = content::make_player(*m_bundle);
    TimePoint t0 = at("2020-11-08T09:30:00+08:00");
    p.update(t0, all_ready());
    TimePoint mid = t0 + seconds{10} + milliseconds{500};
    p.update(mid, all_ready());
    auto l = show.frame(p, mid);
    expect_golden("crossfade", l);
    ASSERT_TRUE(has_text(l, "疫情防控要求"));
    EXPECT_EQ(l.images().front(), "poster.png");
    // The incoming slide is a layer over the slide area at half alpha; its items are opaque
    // within it, so the outgoing poster does not show through the notice's card.
    std::size_t layer = l.cmds.size();
    for (std::size_t i = 0; i < l.cmds.size(); ++i)
        if (std::holds_alternative<ui::LayerCmd>(l.cmds[i]))
            layer = i;
    ASSERT_LT(layer, l.cmds.size());
    const auto& lc = std::get<ui::LayerCmd>(l.cmds[layer]);
    EXPECT_EQ(lc.area, show.layout().slide);
    EXPECT_DOUBLE_EQ(lc.alpha, 0.5);
    bool title_inside = false;
    for (std::size_t i = layer + 1; i <= layer + lc.count; ++i) {
        if (const auto* t = std::get_if<ui::TextCmd>(&l.cmds[i]); t && t->text == "疫情防控要求") {
            title_inside = true;
            EXPECT_EQ(t->color.a, 255);
        }
    }
    EXPECT_TRUE(title_inside);
    // The header comes after the layer, untouched by the fade.
    EXPECT_GT(text_y(l, "09:30"), -1);
}

TEST_F(Scene, EverySampleSlideStaysInsideTheSlideArea) {
    // A faded slide is cut to the slide area: nothing of any slide may reach past it.
    auto bundle = load_bundle(std::string(KIOSK_SOURCE_DIR) + "/content");
    ASSERT_TRUE(bundle) << bundle.error().message;
    auto shared = *bundle;
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}, Size{1280, 720}, Size{3840, 2160}}) {
        ui::Show show(shared, m_metrics, size);
        Rect a = show.layout().slide;
        for (std::size_t i = 0; i < shared->manifest.slides.size(); ++i) {
            for (const char* when : {"2020-11-08T09:30:00+08:00", "2020-11-10T15:45:00+08:00"}) {
                auto l = show.slide_preview(i, at(when));
                for (const auto& c : l.cmds) {
                    Rect r;
                    if (const auto* f = std::get_if<ui::FillCmd>(&c))
                        r = f->rect;
                    else if (const auto* im = std::get_if<ui::ImageCmd>(&c))
                        r = im->area;
                    else if (const auto* t = std::get_if<ui::TextCmd>(&c))
                        r = {t->x, t->y, text::measure(t->text, m_metrics, t->style), t->style.px};
                    EXPECT_TRUE(r.x >= a.x && r.y >= a.y && r.x + r.w <= a.x + a.w &&
                                r.y + r.h <= a.y + a.h)
                        << shared->manifest.slides[i].id << " at " << size.w << "x" << size.h
                        << ": " << ui::to_text(c);
                }
            }
        }
    }
}

TEST_F(Scene, SlideTransitionPushesTheOldSlideLeft) {
    ui::Show show(m_bundle, m_metrics, {1920, 1080});
    Player p = content::make_player(*m_bundle);
    p.begin_at(2);
    TimePoint t0 = at("2020-11-08T09:30:00+08:00");
    p.update(t0, all_ready());
    TimePoint mid = t0 + seconds{10} + milliseconds{500};
    p.update(mid, all_ready());
    ASSERT_EQ(p.transition(), Transition::Slide);
    auto l = show.frame(p, mid);
    expect_golden("slide-transition", l);
    // Halfway (eased), the old slide's panel is 960 px to the left and the new one 960 px right.
    EXPECT_LT(text_y(l, "今日活动 · 11月8日 星期日"), 1080);
    bool old_moved = false;
    bool new_moved = false;
    for (const auto& c : l.cmds) {
        if (const auto* f = std::get_if<ui::FillCmd>(&c)) {
            old_moved = old_moved || f->rect.x == -960;
            new_moved = new_moved || f->rect.x == 960;
        }
    }
    EXPECT_TRUE(old_moved && new_moved);
}

TEST_F(Scene, NothingPlayableShowsTheBrandedFallback) {
    auto b = std::make_shared<Bundle>(*m_bundle);
    b->manifest.playlist.clear();
    ui::Show show(b, m_metrics, {1920, 1080});
    Player p = content::make_player(*b);
    p.update(at("2020-11-08T09:30:00+08:00"), all_ready());
    auto l = show.frame(p, at("2020-11-08T09:30:00+08:00"));
    expect_golden("fallback", l);
    ASSERT_FALSE(l.cmds.empty());
    const auto& first = std::get<ui::FillCmd>(l.cmds.front());
    EXPECT_EQ(first.rect, (Rect{0, 0, 1920, 1080}));
    EXPECT_EQ(first.color, b->manifest.theme.primary);
    EXPECT_TRUE(has_text(l, "暂无可播放的内容"));
}

TEST_F(Scene, EveryResolutionUpTo4kKeepsTextOnScreen) {
    for (Size s : {Size{1280, 720}, Size{1920, 1080}, Size{1080, 1920}, Size{3840, 2160},
                   Size{2160, 3840}}) {
        for (const char* id : {"poster", "notice", "today", "results"}) {
            auto l = frame_of(id, at("2020-11-08T09:30:00+08:00"), s);
            for (const auto& c : l.cmds) {
                if (const auto* t = std::get_if<ui::TextCmd>(&c)) {
                    EXPECT_GE(t->x, 0) << id << " " << t->text;
                    EXPECT_LE(t->x + text::measure(t->text, m_metrics, t->style), s.w)
                        << id << " " << t->text;
                    EXPECT_LE(t->y + m_metrics.line_height(t->style), s.h) << id << " " << t->text;
                }
            }
        }
    }
}

namespace {

std::shared_ptr<const Results> live_feed(int entries, double first_score) {
    auto r = std::make_shared<Results>();
    r->sequence = 4;
    r->updated = at("2020-11-10T15:30:00+08:00");
    EventResults ev{"数控车加工", false, {}};
    for (int i = 0; i < entries; ++i)
        ev.entries.push_back(
            {"学校" + std::to_string(i), "选手" + std::to_string(i), first_score - i, ""});
    r->events.push_back(ev);
    return r;
}

ui::DrawList results_frame(std::shared_ptr<const Bundle> b, const ui::LiveResults& live,
                           TimePoint start, TimePoint now, const text::Metrics& metrics) {
    ui::Show show(b, metrics, {1920, 1080});
    show.set_live(live);
    Player p = content::make_player(*b);
    p.begin_at(3);
    p.update(start, all_ready());
    p.update(now, all_ready());
    return show.frame(p, now);
}

} // namespace

TEST_F(Scene, LiveResultsReplaceTheBundlesAndChangedRowsAreHighlighted) {
    auto t0 = at("2020-11-10T16:00:00+08:00");
    ui::LiveResults live;
    live.results = live_feed(5, 99);
    live.changed = {entry_key("数控车加工", live.results->events[0].entries[2])};
    live.changed_at = t0;
    live.last_contact = t0;
    live.stale_after = std::chrono::hours{24};
    auto l = results_frame(m_bundle, live, t0, t0 + seconds{5}, m_metrics);
    EXPECT_TRUE(has_text(l, "学校2"));
    EXPECT_FALSE(has_text(l, "潍坊工程职业学院")); // The bundle's sheet is replaced.
    EXPECT_TRUE(has_text(l, "实时成绩"));
    int row_y = text_y(l, "学校2");
    bool highlighted = false;
    for (const auto& c : l.cmds)
        if (const auto* f = std::get_if<ui::FillCmd>(&c))
            highlighted = highlighted || (f->color == m_bundle->manifest.theme.accent &&
                                          f->rect.y <= row_y && row_y < f->rect.y + f->rect.h);
    EXPECT_TRUE(highlighted);
    // Thirty seconds later the highlight is gone.
    auto later = results_frame(m_bundle, live, t0, t0 + seconds{8}, m_metrics);
    live.changed_at = t0 - seconds{40};
    auto old = results_frame(m_bundle, live, t0, t0 + seconds{5}, m_metrics);
    bool still = false;
    for (const auto& c : old.cmds)
        if (const auto* f = std::get_if<ui::FillCmd>(&c))
            still = still || (f->color == m_bundle->manifest.theme.accent && f->rect.y <= row_y &&
                              row_y < f->rect.y + f->rect.h);
    EXPECT_FALSE(still);
}

TEST_F(Scene, AStaleOrUnreachableFeedIsMarked) {
    auto t0 = at("2020-11-10T16:00:00+08:00");
    ui::LiveResults live;
    live.results = live_feed(5, 99);
    live.last_contact = t0 - seconds{120};
    live.unreachable_after = seconds{60};
    live.stale_after = std::chrono::hours{24};
    EXPECT_TRUE(
        has_text(results_frame(m_bundle, live, t0, t0 + seconds{1}, m_metrics), "结果源连接中断"));
    live.last_contact = t0;
    live.stale_after = std::chrono::minutes{10}; // The data is from 15:30.
    auto l = results_frame(m_bundle, live, t0, t0 + seconds{1}, m_metrics);
    EXPECT_TRUE(has_text(l, "数据未更新"));
    EXPECT_FALSE(has_text(l, "结果源连接中断"));
    live.stale_after = std::chrono::hours{24};
    EXPECT_FALSE(
        has_text(results_frame(m_bundle, live, t0, t0 + seconds{1}, m_metrics), "数据未更新"));
}

TEST_F(Scene, AnEventWithMoreRowsThanFitIsPaged) {
    auto t0 = at("2020-11-10T16:00:00+08:00");
    ui::LiveResults live;
    live.results = live_feed(30, 99);
    live.last_contact = t0;
    live.stale_after = std::chrono::hours{24};
    auto first = results_frame(m_bundle, live, t0, t0 + seconds{1}, m_metrics);
    EXPECT_TRUE(has_text(first, "学校0"));
    EXPECT_FALSE(has_text(first, "学校29"));
    EXPECT_NE(first.to_text().find("第 1/"), std::string::npos);
    // Every row is on some page within the slide's time.
    std::set<std::string> seen;
    for (int s = 0; s < 10; ++s) {
        auto l = results_frame(m_bundle, live, t0, t0 + seconds{s}, m_metrics);
        for (int i = 0; i < 30; ++i)
            if (has_text(l, "学校" + std::to_string(i)))
                seen.insert("学校" + std::to_string(i));
    }
    EXPECT_EQ(seen.size(), 30u);
    // The screen changes exactly when the page turns.
    ui::Show show(m_bundle, m_metrics, {1920, 1080});
    show.set_live(live);
    Player p = content::make_player(*m_bundle);
    p.begin_at(3);
    p.update(t0, all_ready());
    // Three pages share the ten-second slide.
    EXPECT_EQ(show.next_change(p, t0 + seconds{1}), t0 + milliseconds{3333});
}

namespace {

// A bundle of one long Markdown notice (twelve paragraphs and a closing safety paragraph).
std::shared_ptr<const Bundle> long_notice_bundle(Duration duration) {
    auto b = std::make_shared<Bundle>();
    auto& m = b->manifest;
    m.schema_version = 1;
    m.bundle_version = 1;
    m.utc_offset = hours{8};
    m.theme.header = "活动周";
    Slide s;
    s.id = "long";
    s.kind = SlideKind::Text;
    s.title = "参观须知";
    s.duration = duration;
    for (int i = 1; i <= 12; ++i)
        s.body += "第" + std::to_string(i) +
                  "条：各展馆实行分时段预约参观，请提前预约，按预约时段凭有效证件入场。\n\n";
    s.body += "安全须知：如遇紧急情况，请按疏散指示从最近的安全出口有序撤离。";
    s.notice = std::make_shared<const Notice>(parse_markdown_notice(s.body));
    m.slides = {s};
    m.playlist = {"long"};
    return b;
}

std::string all_text(const ui::DrawList& l) {
    std::string s;
    for (const auto& c : l.cmds)
        if (const auto* t = std::get_if<ui::TextCmd>(&c))
            s += t->text;
    return s;
}

} // namespace

TEST(NoticePaging, ALongNoticeIsPagedAtAReadableSizeAndNothingIsCut) {
    auto bundle = long_notice_bundle(seconds{30});
    test::FakeMetrics metrics;
    for (Size size : {Size{1920, 1080}, Size{1080, 1920}}) {
        ui::Show show(bundle, metrics, size);
        Player p = content::make_player(*bundle);
        TimePoint t0 = at("2020-11-09T10:00:00+08:00");
        p.update(t0, all_ready());
        auto first = show.frame(p, t0);
        // The marker says how many pages there are; their time is shared.
        int pages = 0;
        for (const auto& c : first.cmds)
            if (const auto* t = std::get_if<ui::TextCmd>(&c); t && t->text.starts_with("1/"))
                pages = std::stoi(t->text.substr(2));
        ASSERT_GE(pages, 2) << size.w << "x" << size.h;
        std::string seen;
        std::set<int> sizes;
        for (int page = 0; page < pages; ++page) {
            TimePoint t = t0 + seconds{30} * page / pages + milliseconds{1};
            auto frame = show.frame(p, t);
            EXPECT_TRUE(has_text(frame, std::to_string(page + 1) + "/" + std::to_string(pages)));
            seen += all_text(frame);
            for (const auto& c : frame.cmds)
                if (const auto* tc = std::get_if<ui::TextCmd>(&c); tc && tc->color.r == 0x22)
                    sizes.insert(tc->style.px);
            // The page turns when its time is up, and the loop is told so.
            EXPECT_LE(show.next_change(p, t),
                      t0 + seconds{30} * (page + 1) / pages + milliseconds{1});
        }
        for (int i = 1; i <= 12; ++i)
            EXPECT_NE(seen.find("第" + std::to_string(i) + "条"), std::string::npos) << i;
        EXPECT_NE(seen.find("有序撤离。"), std::string::npos) << "the last paragraph was lost";
        EXPECT_EQ(seen.find("…"), std::string::npos) << "text was cut";
        // Paged at the smallest readable size, never smaller.
        ui::Layout layout = ui::make_layout(size);
        for (int px : sizes)
            EXPECT_GE(px, layout.px(32));
    }
}

TEST(ScheduleBoard, ColumnsShareTheWidthAndLongCellsWrapBeforeTheyAreCut) {
    auto b = std::make_shared<Bundle>();
    auto& m = b->manifest;
    m.schema_version = 1;
    m.bundle_version = 1;
    m.utc_offset = hours{8};
    Slide today;
    today.id = "today";
    today.kind = SlideKind::Schedule;
    today.data = "tt.json";
    m.slides = {today};
    m.playlist = {"today"};
    Timetable tt;
    const std::string place = "潍坊职业学院机电一体化技术实训中心第三实训楼二层数控实训室";
    const std::string title = "全国职业院校技能大赛改革试点赛数控车加工赛项暨职业技能展演";
    tt.events.push_back(
        {"开幕式", at("2020-11-09T09:00:00+08:00"), at("2020-11-09T10:00:00+08:00"), place, false});
    tt.events.push_back(
        {title, at("2020-11-09T10:00:00+08:00"), at("2020-11-09T11:00:00+08:00"), "礼堂", false});
    b->timetables["tt.json"] = tt;
    test::FakeMetrics metrics;
    ui::Show show(b, metrics, {1920, 1080});
    Player p = content::make_player(*b);
    TimePoint t = at("2020-11-09T09:30:00+08:00");
    p.update(t, all_ready());
    auto frame = show.frame(p, t);
    std::string drawn;
    for (const auto& c : frame.cmds)
        if (const auto* tc = std::get_if<ui::TextCmd>(&c)) {
            EXPECT_EQ(tc->text.find("…"), std::string::npos) << "cut: " << tc->text;
            drawn += tc->text;
        }
    // Both long texts are there whole, each on two lines.
    EXPECT_NE(drawn.find(place.substr(0, 30)), std::string::npos);
    for (const std::string& whole : {place, title}) {
        std::string joined;
        for (const auto& c : frame.cmds)
            if (const auto* tc = std::get_if<ui::TextCmd>(&c);
                tc && whole.find(tc->text) != std::string::npos && tc->text.size() > 6)
                joined += tc->text;
        EXPECT_EQ(joined, whole);
    }
}

TEST(NoticeFromTheDocs, TheExampleInAuthoringShowsWhatTheDocSays) {
    // The ```markdown block under "## Notices" in docs/authoring.md, as an operator pastes it.
    std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/docs/authoring.md");
    std::stringstream doc;
    doc << in.rdbuf();
    std::string text = doc.str();
    auto at_notices = text.find("## Notices");
    ASSERT_NE(at_notices, std::string::npos);
    auto from = text.find("```markdown\n", at_notices);
    ASSERT_NE(from, std::string::npos);
    from += std::string("```markdown\n").size();
    std::string md = text.substr(from, text.find("```", from) - from);
    std::string title = md.substr(0, md.find('\n'));
    std::string body = md.substr(md.find('\n') + 1);
    EXPECT_EQ(title, "# 疫情防控要求");

    auto b = std::make_shared<Bundle>();
    b->manifest.schema_version = 1;
    b->manifest.utc_offset = hours{8};
    Slide s;
    s.id = "rules";
    s.kind = SlideKind::Text;
    s.title = "疫情防控要求";
    s.body = body;
    s.notice = std::make_shared<const Notice>(parse_markdown_notice(body));
    s.duration = seconds{60};
    b->manifest.slides = {s};
    b->manifest.playlist = {"rules"};
    test::FakeMetrics metrics;
    ui::Show show(b, metrics, {1920, 1080});
    Player p = content::make_player(*b);
    TimePoint t = at("2020-11-09T10:00:00+08:00");
    p.update(t, all_ready());
    // Every page of it.
    std::vector<const ui::TextCmd*> texts;
    std::vector<ui::DrawList> frames;
    for (int page = 0; page < 4; ++page)
        frames.push_back(show.frame(p, t + seconds{15} * page + milliseconds{1}));
    for (const auto& f : frames)
        for (const auto& c : f.cmds)
            if (const auto* tc = std::get_if<ui::TextCmd>(&c))
                texts.push_back(tc);
    auto find = [&](const std::string& wanted) -> const ui::TextCmd* {
        for (const auto* tc : texts)
            if (tc->text == wanted)
                return tc;
        return nullptr;
    };
    std::string all;
    for (const auto* tc : texts)
        all += tc->text + "\n";
    // The numbered list as 1. 2. 3. items, the bullets as •, the nested ones as ◦.
    for (const char* marker : {"1.", "2.", "3.", "•", "◦"})
        EXPECT_TRUE(find(marker)) << "no " << marker << " in:\n" << all;
    EXPECT_TRUE(find("一号馆") && find("二号馆") && find("三号馆")) << all;
    // **bold** in bold; the link as its text only; no Markdown mark anywhere.
    const auto* bold = find("全程佩戴口罩");
    ASSERT_TRUE(bold) << all;
    EXPECT_TRUE(bold->style.bold);
    EXPECT_NE(all.find("活动官网"), std::string::npos);
    for (const char* mark : {"**", "](", "> ", "- ", "https://"})
        EXPECT_EQ(all.find(mark), std::string::npos) << mark << " reached the screen:\n" << all;
    // The quote behind a bar in the accent colour, indented.
    const ui::TextCmd* quote = nullptr;
    for (const auto* tc : texts)
        if (tc->text.find("如有发热、咳嗽等症状，请勿进入场馆。") != std::string::npos)
            quote = tc;
    ASSERT_TRUE(quote) << all;
    const auto* paragraph = find("　　进入场馆请");
    ASSERT_TRUE(paragraph);
    EXPECT_GT(quote->x, paragraph->x);
}

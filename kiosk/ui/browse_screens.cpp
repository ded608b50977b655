// The browsing screens: home tiles, poster gallery, the week's schedule, results by event, the
// notices, QR codes for the online channels, and the admin PIN and status screens. Every screen
// has the header on top and the navigation bar (back, home) at the bottom.
#include "kiosk/content/timetable.hpp"
#include "kiosk/text/utf8.hpp"
#include "kiosk/ui/browse.hpp"
#include "kiosk/ui/overlays.hpp"
#include "kiosk/ui/qr.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

using text::Style;

namespace {

const Color kMuted{0x88, 0x88, 0x88, 255};
const Color kDisabled{0xD8, 0xD8, 0xD8, 255};
const Color kLine{0xDD, 0xDD, 0xDD, 255};

Color darker(Color c) {
    return {static_cast<std::uint8_t>(c.r * 3 / 4), static_cast<std::uint8_t>(c.g * 3 / 4),
            static_cast<std::uint8_t>(c.b * 3 / 4), c.a};
}

} // namespace

struct BrowsePainter {
    const Browser& b;
    Canvas& cv;
    TimePoint now;
    std::vector<Target>* targets;
    const content::Manifest& m;
    const content::Theme& theme;
    const Layout& l;
    const text::Metrics& metrics;
    int min_px;
    Rect nav;
    Rect content;

    BrowsePainter(const Browser& br, Canvas& c, TimePoint t, std::vector<Target>* out)
        : b(br), cv(c), now(t), targets(out), m(br.m_bundle->manifest), theme(m.theme),
          l(br.m_layout), metrics(br.m_metrics), min_px(br.min_target_px()) {
        int nav_h = std::max(l.px(l.portrait ? 140 : 120), min_px + l.px(24));
        nav = {0, l.screen.h - nav_h, l.screen.w, nav_h};
        content = {0, l.header.h, l.screen.w, l.screen.h - l.header.h - nav_h};
    }

    // A touch target of at least the minimum size, grown around its centre if need be.
    Rect sized(Rect r) const {
        if (r.w < min_px) {
            r.x -= (min_px - r.w) / 2;
            r.w = min_px;
        }
        if (r.h < min_px) {
            r.y -= (min_px - r.h) / 2;
            r.h = min_px;
        }
        return r;
    }

    bool pressed(Rect r) const { return b.m_pressed && *b.m_pressed == r; }

    void target(Rect r, std::string name) {
        if (targets != nullptr)
            targets->push_back({r, std::move(name)});
    }

    int text_w(const std::string& s, Style st) const { return text::measure(s, metrics, st); }

    void centered(const std::string& s, Style st, Rect box, Color c) {
        std::string cut = text::ellipsize(s, std::max(1, box.w - l.px(8)), metrics, st);
        cv.text(cut, st, box.x + (box.w - text_w(cut, st)) / 2,
                box.y + (box.h - metrics.line_height(st)) / 2, c);
    }

    // A button: its face, its label, and (when enabled) a target; pressed, it darkens at once.
    void button(Rect r, const std::string& label, const std::string& name, Style st, Color bg,
                Color fg, bool enabled = true) {
        r = sized(r);
        if (!enabled) {
            cv.fill(r, kDisabled);
            centered(label, st, r, kMuted);
            return;
        }
        cv.fill(r, pressed(r) ? darker(bg) : bg);
        centered(label, st, r, fg);
        target(r, name);
    }

    void paint() {
        cv.fill({0, 0, l.screen.w, l.screen.h}, theme.background);
        switch (b.m_screen) {
        case Screen::Slideshow:
            return;
        case Screen::Home:
            home();
            break;
        case Screen::Gallery:
            gallery();
            break;
        case Screen::Poster:
            poster();
            break;
        case Screen::Schedule:
            schedule();
            break;
        case Screen::Results:
            results();
            break;
        case Screen::About:
            about();
            break;
        case Screen::Online:
            online();
            break;
        case Screen::Pin:
            pin();
            break;
        case Screen::Admin:
            admin();
            break;
        }
        if (b.m_screen != Screen::Poster)
            paint_header(cv, m, metrics, l, now);
        nav_bar();
    }

    void nav_bar() {
        cv.fill(nav, theme.primary);
        cv.fill({nav.x, nav.y, nav.w, l.px(6)}, theme.accent);
        int pad = l.px(24);
        int h = nav.h - 2 * pad + l.px(6);
        int y = nav.y + pad;
        int w = std::max(l.px(l.portrait ? 250 : 280), min_px);
        Style st{l.px(40), true};
        bool home_screen = b.m_screen == Screen::Home;
        if (home_screen) {
            button({pad, y, w + l.px(60), h}, "返回轮播", "leave", st, theme.accent,
                   theme.panel_text);
        } else {
            button({pad, y, w, h}, "← 返回", "back", st, theme.accent, theme.panel_text);
            button({pad + w + pad, y, w, h}, "首页", "home", st, theme.text, theme.primary);
        }
        auto idle = std::chrono::duration_cast<std::chrono::seconds>(b.m_s.idle).count();
        std::string hint = std::to_string(idle) + " 秒无操作自动返回轮播";
        Style hs{l.px(28), false};
        int left = pad + 2 * (w + pad) + l.px(60);
        int hw = text_w(hint, hs);
        if (nav.w - pad - hw > left)
            cv.text(hint, hs, nav.w - pad - hw, nav.y + (nav.h - metrics.line_height(hs)) / 2,
                    theme.text);
    }

    // A white panel inside `r` with a title and accent rule; returns the area under the title.
    Rect panel(Rect r, const std::string& title) {
        cv.fill(r, theme.panel);
        int pad = l.px(40);
        Style st{l.px(48), true};
        int y = r.y + pad;
        cv.text(text::ellipsize(title, r.w - 2 * pad, metrics, st), st, r.x + pad, y,
                theme.primary);
        y += metrics.line_height(st) + l.px(8);
        cv.fill({r.x + pad, y, l.px(120), l.px(6)}, theme.accent);
        y += l.px(26);
        return {r.x + pad, y, r.w - 2 * pad, r.y + r.h - pad - y};
    }

    Rect inset(Rect r, int d) const { return {r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d}; }

    void home() {
        Rect area = inset(content, l.px(40));
        struct Tile {
            const char* title;
            std::string sub;
            const char* name;
            bool enabled;
        };
        auto count = [](std::size_t n, const char* unit) { return std::to_string(n) + unit; };
        std::string days;
        if (!b.m_days.empty())
            days = format_chinese_date(b.m_days.front(), m.utc_offset).substr(0, 10);
        std::vector<Tile> tiles = {
            {"活动海报",
             b.m_posters.empty() ? "暂无海报" : count(b.m_posters.size(), " 张海报，左右滑动浏览"),
             "tile:gallery", !b.m_posters.empty()},
            {"活动日程", b.m_days.empty() ? "暂无日程" : count(b.m_days.size(), " 天的活动安排"),
             "tile:schedule", !b.m_days.empty()},
            {"比赛成绩",
             b.m_results.empty() ? "暂无成绩" : count(b.m_results.size(), " 个赛项的成绩"),
             "tile:results", !b.m_results.empty()},
            {"关于活动周",
             b.m_notices.empty() ? "暂无通知" : count(b.m_notices.size(), " 则通知与介绍"),
             "tile:about", !b.m_notices.empty()},
            {"线上观看", m.links.empty() ? "暂无线上地址" : "扫码观看直播与线上展览", "tile:online",
             !m.links.empty()},
        };
        int cols = l.portrait ? 2 : 3;
        int rows = (static_cast<int>(tiles.size()) + cols - 1) / cols;
        int gap = l.px(32);
        int tw = (area.w - (cols - 1) * gap) / cols;
        int th = (area.h - (rows - 1) * gap) / rows;
        for (std::size_t i = 0; i < tiles.size(); ++i) {
            int col = static_cast<int>(i) % cols;
            int row = static_cast<int>(i) / cols;
            Rect r = sized({area.x + col * (tw + gap), area.y + row * (th + gap), tw, th});
            const Tile& t = tiles[i];
            Color bg = !t.enabled   ? kDisabled
                       : pressed(r) ? Color{0xE8, 0xE2, 0xD6, 255}
                                    : theme.panel;
            cv.fill(r, bg);
            cv.fill({r.x, r.y, r.w, l.px(12)}, t.enabled ? theme.accent : kMuted);
            Style ts{l.px(l.portrait ? 60 : 64), true};
            Style ss{l.px(30), false};
            int block = metrics.line_height(ts) + l.px(20) + metrics.line_height(ss);
            int y = r.y + (r.h - block) / 2;
            centered(t.title, ts, {r.x, y, r.w, metrics.line_height(ts)},
                     t.enabled ? theme.primary : kMuted);
            centered(t.sub, ss,
                     {r.x, y + metrics.line_height(ts) + l.px(20), r.w, metrics.line_height(ss)},
                     t.enabled ? theme.panel_text : kMuted);
            if (t.enabled)
                target(r, t.name);
        }
    }

    // Left and right arrows around `area`; returns what is left between them.
    Rect arrows(Rect area, int index, int count) {
        int w = std::max(l.px(l.portrait ? 110 : 140), min_px);
        Style st{l.px(64), true};
        button({area.x, area.y, w, area.h}, "〈", "prev", st, theme.primary, theme.text, index > 0);
        button({area.x + area.w - w, area.y, w, area.h}, "〉", "next", st, theme.primary,
               theme.text, index + 1 < count);
        int gap = l.px(24);
        return {area.x + w + gap, area.y, area.w - 2 * (w + gap), area.h};
    }

    void counter(Rect area, int index, int count, const std::string& extra) {
        Style st{l.px(30), false};
        std::string s = "第 " + std::to_string(index + 1) + " / " + std::to_string(count) + " 张";
        if (!extra.empty())
            s += "  ·  " + extra;
        centered(s, st, area, theme.text);
    }

    void gallery() {
        Rect area = inset(content, l.px(32));
        int foot = l.px(64);
        int n = static_cast<int>(b.m_posters.size());
        if (n == 0) {
            centered("暂无海报", Style{l.px(48), true}, area, theme.text);
            return;
        }
        Rect inner = arrows({area.x, area.y, area.w, area.h - foot}, b.m_poster, n);
        const auto& s = m.slides[b.m_posters[static_cast<std::size_t>(b.m_poster)]];
        cv.image(s.asset, inner, Fit::Contain);
        target(inner, "poster");
        counter({area.x, area.y + area.h - foot, area.w, foot}, b.m_poster, n,
                "轻触海报全屏查看，左右滑动翻页");
    }

    void poster() {
        Rect area{0, 0, l.screen.w, nav.y};
        cv.fill(area, Color{0, 0, 0, 255});
        if (b.m_posters.empty())
            return;
        const auto& s = m.slides[b.m_posters[static_cast<std::size_t>(b.m_poster)]];
        cv.image(s.asset, area, Fit::Contain);
        target(area, "poster");
    }

    // A row of tabs, wrapped onto as many lines as needed; returns the height used.
    int tabs(Rect area, const std::vector<std::pair<std::string, std::string>>& labels,
             const std::string& prefix, int selected, int max_cols) {
        int n = static_cast<int>(labels.size());
        int cols = std::max(1, std::min(n, max_cols));
        int rows = (n + cols - 1) / cols;
        int gap = l.px(12);
        bool two_lines = std::any_of(labels.begin(), labels.end(),
                                     [](const auto& p) { return !p.second.empty(); });
        int h = std::max(l.px(two_lines ? 104 : 84), min_px);
        int w = (area.w - (cols - 1) * gap) / cols;
        Style top{l.px(34), true};
        Style sub{l.px(24), false};
        for (int i = 0; i < n; ++i) {
            Rect r =
                sized({area.x + (i % cols) * (w + gap), area.y + (i / cols) * (h + gap), w, h});
            bool on = i == selected;
            Color bg = on ? theme.accent : theme.panel;
            cv.fill(r, pressed(r) ? darker(bg) : bg);
            const auto& [a, s] = labels[static_cast<std::size_t>(i)];
            Color fg = on ? theme.panel_text : theme.primary;
            if (s.empty()) {
                centered(a, top, r, fg);
            } else {
                int lh = metrics.line_height(top) + metrics.line_height(sub);
                int y = r.y + (r.h - lh) / 2;
                centered(a, top, {r.x, y, r.w, metrics.line_height(top)}, fg);
                centered(s, sub, {r.x, y + metrics.line_height(top), r.w, metrics.line_height(sub)},
                         on ? theme.panel_text : kMuted);
            }
            target(r, prefix + std::to_string(i));
        }
        return rows * h + (rows - 1) * gap;
    }

    void schedule() {
        Rect area = inset(content, l.px(32));
        if (b.m_timetable == nullptr || b.m_days.empty()) {
            centered("暂无日程", Style{l.px(48), true}, area, theme.text);
            return;
        }
        static constexpr std::array<const char*, 7> wd{"周一", "周二", "周三", "周四",
                                                       "周五", "周六", "周日"};
        std::vector<std::pair<std::string, std::string>> labels;
        for (auto d : b.m_days) {
            auto lt = to_local(d, m.utc_offset);
            labels.emplace_back(std::to_string(lt.month) + "月" + std::to_string(lt.day) + "日",
                                wd[static_cast<std::size_t>(lt.weekday - 1)]);
        }
        int day = b.item();
        int used = tabs(area, labels, "day:", day, l.portrait ? 4 : 7);
        Rect box{area.x, area.y + used + l.px(24), area.w, area.h - used - l.px(24)};
        TimePoint day_start = b.m_days[static_cast<std::size_t>(day)];
        TimePoint day_end = day_start + std::chrono::hours{24};
        bool today = start_of_local_day(now, m.utc_offset) == day_start;
        Rect list = panel(box, format_chinese_date(day_start, m.utc_offset) + " 活动安排" +
                                   (today ? "（今天）" : ""));
        std::vector<const content::Event*> events;
        const content::Event* next = nullptr;
        for (const auto& e : b.m_timetable->events) {
            if (e.start < day_end && e.end > day_start)
                events.push_back(&e);
            if (e.start > now && (next == nullptr || e.start < next->start))
                next = &e;
        }
        Style row{l.px(l.portrait ? 30 : 32), false};
        Style bold{row.px, true};
        Style small{l.px(24), false};
        int row_h = l.px(l.portrait ? 100 : 80);
        int foot = std::max(l.px(80), min_px);
        int per_page = std::max(1, (list.h - foot) / row_h);
        int pages = std::max(1, (static_cast<int>(events.size()) + per_page - 1) / per_page);
        int page = std::clamp(b.m_schedule_page, 0, pages - 1);
        if (events.empty())
            cv.text("当日暂无活动安排", Style{l.px(40), true}, list.x, list.y + l.px(20),
                    theme.panel_text);
        int time_w = text_w("00:00–00:00*", bold) + l.px(24);
        int badge_w = l.px(120);
        int place_w = l.portrait ? 0 : std::min(l.px(480), list.w / 3);
        for (int i = 0; i < per_page; ++i) {
            std::size_t k = static_cast<std::size_t>(page * per_page + i);
            if (k >= events.size())
                break;
            const auto& e = *events[k];
            int y = list.y + i * row_h;
            bool running = e.start <= now && now < e.end;
            bool past = e.end <= now;
            Color fg = past ? kMuted : theme.panel_text;
            if (running)
                cv.fill({list.x - l.px(12), y, list.w + l.px(24), row_h - l.px(6)}, theme.accent);
            else if (i > 0)
                cv.fill({list.x, y - l.px(3), list.w, std::max(1, l.px(1))}, kLine);
            int ly = y + (row_h - l.px(6) - metrics.line_height(row)) / 2;
            if (l.portrait && !e.place.empty())
                ly = y + l.px(8);
            cv.text(format_hhmm(e.start, m.utc_offset) + "–" + format_hhmm(e.end, m.utc_offset) +
                        (e.invented ? "*" : ""),
                    bold, list.x, ly, fg);
            int bx = list.x + time_w;
            Style bs{l.px(24), true};
            if (running || &e == next) {
                Rect br{bx, ly + l.px(2), badge_w - l.px(16), metrics.line_height(row) - l.px(4)};
                cv.fill(br, running ? theme.primary : theme.panel_text);
                centered(running ? "进行中" : "下一项", bs, br, running ? theme.text : theme.panel);
            }
            int tx = bx + badge_w;
            int tw = list.w - time_w - badge_w - place_w;
            cv.text(text::ellipsize(e.title, tw - l.px(12), metrics, running ? bold : row),
                    running ? bold : row, tx, ly, fg);
            if (!e.place.empty()) {
                if (l.portrait)
                    cv.text(text::ellipsize(e.place, tw, metrics, small), small, tx,
                            ly + metrics.line_height(row),
                            past ? kMuted : Color{0x55, 0x55, 0x55, 255});
                else
                    cv.text(text::ellipsize(e.place, place_w - l.px(16), metrics, row), row,
                            list.x + list.w - place_w + l.px(16), ly, fg);
            }
        }
        int fy = list.y + list.h - foot;
        bool invented = std::any_of(events.begin(), events.end(),
                                    [](const content::Event* e) { return e->invented; });
        std::string note = invented ? "* 时间、地点为示例安排，以现场通知为准" : "";
        if (pages > 1) {
            int w = std::max(l.px(200), min_px);
            Style st{l.px(30), true};
            button({list.x, fy + l.px(8), w, foot - l.px(16)}, "上一页", "page-prev", st,
                   theme.primary, theme.text, page > 0);
            button({list.x + w + l.px(16), fy + l.px(8), w, foot - l.px(16)}, "下一页", "page-next",
                   st, theme.primary, theme.text, page + 1 < pages);
            std::string p = "第 " + std::to_string(page + 1) + "/" + std::to_string(pages) + " 页";
            cv.text(p + (note.empty() ? "" : "  ·  " + note), small, list.x + 2 * w + l.px(40),
                    fy + (foot - metrics.line_height(small)) / 2, Color{0x66, 0x66, 0x66, 255});
        } else if (!note.empty()) {
            cv.text(note, small, list.x, fy + (foot - metrics.line_height(small)) / 2,
                    Color{0x66, 0x66, 0x66, 255});
        }
    }

    // A sub-layout whose slide area is `r`, so slide painters draw into part of the screen.
    Layout within(Rect r) const {
        Layout sub = l;
        sub.slide = r;
        return sub;
    }

    void results() {
        Rect area = inset(content, l.px(32));
        if (b.m_results.empty()) {
            centered("暂无成绩", Style{l.px(48), true}, area, theme.text);
            return;
        }
        std::vector<std::pair<std::string, std::string>> labels;
        for (auto i : b.m_results)
            labels.emplace_back(m.slides[i].event, "");
        int used = tabs(area, labels, "event:", b.m_event, l.portrait ? 3 : 5);
        Rect box{area.x, area.y + used, area.w, area.h - used};
        Layout sub =
            within({box.x - l.px(40), box.y - l.px(16), box.w + l.px(80), box.h + l.px(56)});
        const auto& slide = m.slides[b.m_results[static_cast<std::size_t>(b.m_event)]];
        PaintContext ctx{
            *b.m_bundle, metrics, sub, now, b.m_live, b.m_event_opened, std::chrono::seconds{24}};
        paint_slide(cv, slide, ctx);
    }

    void about() {
        Rect area = inset(content, l.px(32));
        int foot = l.px(64);
        int n = static_cast<int>(b.m_notices.size());
        if (n == 0) {
            centered("暂无通知", Style{l.px(48), true}, area, theme.text);
            return;
        }
        Rect inner = arrows({area.x, area.y, area.w, area.h - foot}, b.m_notice, n);
        Layout sub = within(
            {inner.x - l.px(40), inner.y - l.px(40), inner.w + l.px(80), inner.h + l.px(80)});
        PaintContext ctx{*b.m_bundle, metrics, sub, now};
        const auto& s = m.slides[b.m_notices[static_cast<std::size_t>(b.m_notice)]];
        paint_slide(cv, s, ctx);
        std::string c = "第 " + std::to_string(b.m_notice + 1) + " / " + std::to_string(n) +
                        " 则  ·  左右滑动翻页";
        centered(c, Style{l.px(30), false}, {area.x, area.y + area.h - foot, area.w, foot},
                 theme.text);
    }

    void online() {
        Rect area = inset(content, l.px(40));
        std::size_t n = std::min<std::size_t>(m.links.size(), 4);
        if (n == 0) {
            centered("暂无线上观看地址", Style{l.px(48), true}, area, theme.text);
            return;
        }
        int gap = l.px(40);
        int count = static_cast<int>(n);
        for (int i = 0; i < count; ++i) {
            Rect card = l.portrait ? Rect{area.x, area.y + i * (area.h + gap) / count, area.w,
                                          (area.h - (count - 1) * gap) / count}
                                   : Rect{area.x + i * (area.w + gap) / count, area.y,
                                          (area.w - (count - 1) * gap) / count, area.h};
            link_card(card, m.links[static_cast<std::size_t>(i)]);
        }
    }

    void link_card(Rect card, const content::Link& link) {
        cv.fill(card, theme.panel);
        cv.fill({card.x, card.y, card.w, l.px(12)}, theme.accent);
        int pad = l.px(32);
        Style ts{l.px(44), true};
        Style cs{l.px(30), false};
        Style us{l.px(22), false};
        int text_h = metrics.line_height(ts) + l.px(16) + metrics.line_height(cs) + l.px(8) +
                     metrics.line_height(us) + (link.sample ? metrics.line_height(us) : 0);
        // The code as large as the card allows, the words under it.
        int side = std::min(card.w - 2 * pad, card.h - 4 * pad - text_h);
        Rect qr_box{card.x + (card.w - side) / 2, card.y + 2 * pad, side, side};
        Rect text_box{card.x + pad, qr_box.y + side + pad, card.w - 2 * pad, text_h};
        if (auto code = make_qr(link.url))
            paint_qr(cv, *code, qr_box, Color{0, 0, 0, 255}, Color{0xFF, 0xFF, 0xFF, 255});
        int y = text_box.y;
        auto line = [&](const std::string& s, Style st, Color c, int after) {
            centered(s, st, {text_box.x, y, text_box.w, metrics.line_height(st)}, c);
            y += metrics.line_height(st) + after;
        };
        line(link.title, ts, theme.primary, l.px(16));
        line(link.caption.empty() ? "请用手机扫码" : link.caption, cs, theme.panel_text, l.px(8));
        line(link.url, us, kMuted, 0);
        if (link.sample)
            line("示例地址，仅供演示", us, theme.primary, 0);
    }

    void pin() {
        Rect area = inset(content, l.px(32));
        int key = std::max(l.px(l.portrait ? 150 : 118), min_px);
        int gap = l.px(18);
        int pad_w = 3 * key + 2 * gap;
        int pad_h = 4 * key + 3 * gap;
        Style ts{l.px(48), true};
        Style ms{l.px(32), false};
        int head = metrics.line_height(ts) + l.px(16) + metrics.line_height(ts) + l.px(16) +
                   metrics.line_height(ms) + l.px(24);
        int total = head + pad_h;
        int scale_room = area.h - total;
        int y = area.y + std::max(0, scale_room / 2);
        Rect face{area.x + (area.w - pad_w) / 2 - l.px(48), y - l.px(24), pad_w + l.px(96),
                  total + l.px(48)};
        cv.fill(face, theme.panel);
        centered("管理员验证", ts, {area.x, y, area.w, metrics.line_height(ts)}, theme.primary);
        y += metrics.line_height(ts) + l.px(16);
        std::string dots;
        for (std::size_t i = 0; i < b.m_pin.size(); ++i)
            dots += "● ";
        centered(dots.empty() ? "请输入密码" : dots, ts,
                 {area.x, y, area.w, metrics.line_height(ts)},
                 dots.empty() ? kMuted : theme.panel_text);
        y += metrics.line_height(ts) + l.px(16);
        std::string msg = b.m_pin_message;
        if (now < b.m_pin_locked_until) {
            auto left = std::chrono::ceil<std::chrono::seconds>(b.m_pin_locked_until - now).count();
            msg = "错误次数过多，请 " + std::to_string(left) + " 秒后再试";
        }
        centered(msg, ms, {area.x, y, area.w, metrics.line_height(ms)}, theme.primary);
        y += metrics.line_height(ms) + l.px(24);
        static constexpr std::array<const char*, 12> keys{"1", "2", "3", "4",    "5", "6",
                                                          "7", "8", "9", "删除", "0", "确定"};
        int x0 = area.x + (area.w - pad_w) / 2;
        Style ks{l.px(52), true};
        bool locked = now < b.m_pin_locked_until;
        for (int i = 0; i < 12; ++i) {
            Rect r{x0 + (i % 3) * (key + gap), y + (i / 3) * (key + gap), key, key};
            std::string label = keys[static_cast<std::size_t>(i)];
            std::string name = i == 9 ? "pin-delete" : i == 11 ? "pin-enter" : "digit:" + label;
            bool enter = i == 11;
            button(r, label, name,
                   i == 9  ? Style{l.px(36), true}
                   : enter ? Style{l.px(36), true}
                           : ks,
                   enter ? theme.primary : Color{0xEE, 0xEA, 0xE2, 255},
                   enter ? theme.text : theme.panel_text, !locked);
        }
    }

    void admin() {
        Rect area = inset(content, l.px(32));
        Rect body = panel(area, "设备状态");
        StatusLines lines = b.m_status ? b.m_status() : StatusLines{};
        Style ks{l.px(32), true};
        Style vs{l.px(32), false};
        int lh = metrics.line_height(vs) + l.px(18);
        int key_w = 0;
        for (const auto& [k, v] : lines)
            key_w = std::max(key_w, text_w(k, ks));
        key_w += l.px(40);
        int button_h = std::max(l.px(110), min_px);
        int y = body.y;
        for (const auto& [k, v] : lines) {
            if (y + lh > body.y + body.h - button_h - l.px(24))
                break;
            cv.text(k, ks, body.x, y, theme.panel_text);
            cv.text(text::ellipsize(v, body.w - key_w, metrics, vs), vs, body.x + key_w, y,
                    theme.panel_text);
            y += lh;
        }
        int w = std::max(l.px(300), min_px);
        int by = body.y + body.h - button_h;
        Style st{l.px(36), true};
        button({body.x, by, w, button_h}, "返回轮播", "admin:close", st, theme.accent,
               theme.panel_text);
        button({body.x + w + l.px(32), by, w, button_h}, "重启程序", "admin:restart", st,
               theme.primary, theme.text);
        button({body.x + 2 * (w + l.px(32)), by, w, button_h}, "退出程序", "admin:exit", st,
               Color{0x55, 0x55, 0x55, 255}, theme.text);
    }
};

void Browser::paint(Canvas& canvas, TimePoint now, std::vector<Target>* targets) const {
    if (m_screen == Screen::Slideshow)
        return;
    BrowsePainter p(*this, canvas, now, targets);
    p.paint();
    // Later targets are drawn on top: the navigation bar wins over what it covers.
    if (targets != nullptr)
        std::reverse(targets->begin(), targets->end());
}

} // namespace kiosk::ui

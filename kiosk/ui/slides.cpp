// Slide painters: image poster, text notice, schedule board, results board, fallback.
#include "kiosk/ui/slides.hpp"

#include "kiosk/text/utf8.hpp"
#include "kiosk/ui/qr.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {

using content::Slide;
using text::Style;

const Color kMuted{0x88, 0x88, 0x88, 255};

int width_of(const PaintContext& c, const std::string& s, Style st) {
    return text::measure(s, c.metrics, st);
}

// Draws a line cut to `max_w`, returns its width.
int text_fit(Canvas& cv, const PaintContext& c, const std::string& s, Style st, int x, int y,
             int max_w, Color color) {
    std::string cut = text::ellipsize(s, max_w, c.metrics, st);
    cv.text(cut, st, x, y, color);
    return width_of(c, cut, st);
}

// A small label on a coloured background; returns its width.
int badge(Canvas& cv, const PaintContext& c, const std::string& label, int x, int y, int h,
          Color bg, Color fg) {
    const Layout& l = c.layout;
    Style st{std::max(1, h * 62 / 100), true};
    int pad = l.px(12);
    int w = width_of(c, label, st) + 2 * pad;
    cv.fill({x, y, w, h}, bg);
    cv.text(label, st, x + pad, y + (h - c.metrics.line_height(st)) / 2, fg);
    return w;
}

Rect panel_rect(const Layout& l) {
    int m = l.px(l.portrait ? 32 : 40);
    return {l.slide.x + m, l.slide.y + m, l.slide.w - 2 * m, l.slide.h - 2 * m};
}

// Title line with an accent rule under it; returns the y below it.
int panel_title(Canvas& cv, const PaintContext& c, Rect panel, const std::string& title, int pad) {
    const auto& theme = c.bundle.manifest.theme;
    const Layout& l = c.layout;
    Style st{l.px(52), true};
    int y = panel.y + pad;
    text_fit(cv, c, title, st, panel.x + pad, y, panel.w - 2 * pad, theme.primary);
    y += c.metrics.line_height(st) + l.px(10);
    cv.fill({panel.x + pad, y, l.px(120), l.px(6)}, theme.accent);
    return y + l.px(28);
}

void paint_image(Canvas& cv, const Slide& s, const PaintContext& c) {
    cv.fill(c.layout.slide, c.bundle.manifest.theme.background);
    cv.image(s.asset, c.layout.slide, s.fit);
}

void paint_text(Canvas& cv, const Slide& s, const PaintContext& c) {
    const auto& theme = c.bundle.manifest.theme;
    const Layout& l = c.layout;
    cv.fill(l.slide, theme.background);
    Rect panel = panel_rect(l);
    cv.fill(panel, theme.panel);
    int pad = l.px(56);
    int y = panel_title(cv, c, panel, s.title, pad);
    int avail_h = panel.y + panel.h - pad - y;
    int max_w = panel.w - 2 * pad;

    // Paragraphs start with a two-character indent, as Chinese text is set.
    std::string body;
    std::size_t start = 0;
    while (start <= s.body.size()) {
        auto end = s.body.find('\n', start);
        if (end == std::string::npos)
            end = s.body.size();
        std::string para = s.body.substr(start, end - start);
        if (!para.empty()) {
            if (!body.empty())
                body += '\n';
            body += "\u3000\u3000" + para;
        }
        start = end + 1;
    }

    // The largest size from 46 down to 22 reference pixels at which the body fits the panel.
    std::vector<text::Line> lines;
    Style st{l.px(40), false};
    int lh = 0;
    for (int ref = 46; ref >= 22; ref -= 2) {
        st.px = l.px(ref);
        lines = text::break_lines(body, max_w, c.metrics, st);
        lh = c.metrics.line_height(st) * 3 / 2;
        if (static_cast<int>(lines.size()) * lh <= avail_h)
            break;
    }
    int max_lines = lh > 0 ? std::max(1, avail_h / lh) : 1;
    for (int i = 0; i < static_cast<int>(lines.size()) && i < max_lines; ++i) {
        std::string t = lines[static_cast<std::size_t>(i)].text;
        if (i == max_lines - 1 && static_cast<int>(lines.size()) > max_lines)
            t = text::ellipsize(t + "……", max_w, c.metrics, st);
        cv.text(t, st, panel.x + pad, y + i * lh + (lh - c.metrics.line_height(st)) / 2,
                theme.panel_text);
    }
}

std::string time_range(const content::Event& e, std::chrono::minutes off) {
    return format_hhmm(e.start, off) + "–" + format_hhmm(e.end, off);
}

void paint_schedule(Canvas& cv, const Slide& s, const PaintContext& c) {
    const auto& m = c.bundle.manifest;
    const auto& theme = m.theme;
    const Layout& l = c.layout;
    cv.fill(l.slide, theme.background);
    Rect panel = panel_rect(l);
    cv.fill(panel, theme.panel);
    int pad = l.px(48);
    auto it = c.bundle.timetables.find(s.data);
    const content::Timetable empty;
    const content::Timetable& tt = it != c.bundle.timetables.end() ? it->second : empty;
    auto view = content::day_view(tt, c.now, m.utc_offset);

    int y =
        panel_title(cv, c, panel, "今日活动 · " + format_chinese_date(c.now, m.utc_offset), pad);
    int x0 = panel.x + pad;
    int inner_w = panel.w - 2 * pad;
    Style row_st{l.px(l.portrait ? 32 : 34), false};
    Style row_bold{row_st.px, true};
    Style small{l.px(24), false};
    int row_h = l.px(l.portrait ? 96 : 84);
    int foot_h = l.px(48);
    int avail = panel.y + panel.h - pad - foot_h - y;
    int max_rows = std::max(1, avail / row_h);

    if (view.entries.empty()) {
        cv.text("今日暂无活动安排", Style{l.px(40), true}, x0, y + l.px(20), theme.panel_text);
        if (view.next_later != nullptr) {
            const auto* e = view.next_later;
            std::string line = "下一项：" + format_chinese_date(e->start, m.utc_offset) + " " +
                               time_range(*e, m.utc_offset) + "  " + e->title;
            text_fit(cv, c, line, row_st, x0, y + l.px(100), inner_w, theme.panel_text);
        }
        return;
    }

    // Show a window of rows that keeps the running and next events on screen.
    std::size_t first = 0;
    for (std::size_t i = 0; i < view.entries.size(); ++i) {
        if (view.entries[i].state != content::EventState::Past) {
            first = i > 0 ? i - 1 : 0;
            break;
        }
        first = i;
    }
    if (view.entries.size() - first < static_cast<std::size_t>(max_rows))
        first = view.entries.size() > static_cast<std::size_t>(max_rows)
                    ? view.entries.size() - static_cast<std::size_t>(max_rows)
                    : 0;

    int time_w = width_of(c, "00:00–00:00*", row_bold) + l.px(32);
    int badge_w = l.px(130);
    int place_w = l.portrait ? 0 : std::min(l.px(520), inner_w / 3);
    bool any_invented = false;
    for (std::size_t i = first; i < view.entries.size() && static_cast<int>(i - first) < max_rows;
         ++i) {
        const auto& entry = view.entries[i];
        const auto& e = *entry.event;
        int ry = y + static_cast<int>(i - first) * row_h;
        Color fg = theme.panel_text;
        if (entry.state == content::EventState::Running) {
            cv.fill({x0 - l.px(16), ry, inner_w + l.px(32), row_h - l.px(8)}, theme.accent);
        } else if (entry.state == content::EventState::Past) {
            fg = kMuted;
        }
        if (i > first)
            cv.fill({x0, ry - l.px(4), inner_w, std::max(1, l.px(1))},
                    Color{0xDD, 0xDD, 0xDD, 255});
        any_invented = any_invented || e.invented;
        int line_y = ry + (row_h - l.px(8) - c.metrics.line_height(row_st)) / 2;
        if (l.portrait && !e.place.empty())
            line_y = ry + l.px(6);
        cv.text(time_range(e, m.utc_offset) + (e.invented ? "*" : ""), row_bold, x0, line_y, fg);
        int bx = x0 + time_w;
        if (entry.state == content::EventState::Running)
            badge(cv, c, "进行中", bx, line_y + l.px(2), c.metrics.line_height(row_st) - l.px(4),
                  theme.primary, theme.text);
        else if (entry.state == content::EventState::Next)
            badge(cv, c, "下一项", bx, line_y + l.px(2), c.metrics.line_height(row_st) - l.px(4),
                  theme.panel_text, theme.panel);
        int title_x = bx + badge_w;
        int title_w = inner_w - time_w - badge_w - place_w;
        Style title_st = entry.state == content::EventState::Running ? row_bold : row_st;
        title_st = shrink_to_fit(e.title, title_st, title_w, row_st.px * 3 / 4, c.metrics);
        text_fit(cv, c, e.title, title_st, title_x,
                 line_y + (c.metrics.line_height(row_st) - c.metrics.line_height(title_st)),
                 title_w, fg);
        if (!e.place.empty()) {
            if (l.portrait)
                text_fit(cv, c, e.place, small, title_x, line_y + c.metrics.line_height(row_st),
                         title_w,
                         entry.state == content::EventState::Past ? kMuted
                                                                  : Color{0x55, 0x55, 0x55, 255});
            else
                text_fit(cv, c, e.place, row_st, x0 + inner_w - place_w + l.px(16), line_y,
                         place_w - l.px(16), fg);
        }
    }
    int fy = panel.y + panel.h - pad - foot_h + l.px(12);
    std::string foot = "现在 " + format_hhmm(c.now, m.utc_offset);
    if (view.next_later != nullptr)
        foot += "  ·  今日活动已全部结束，下一项：" +
                format_chinese_date(view.next_later->start, m.utc_offset) + " " +
                format_hhmm(view.next_later->start, m.utc_offset) + " " + view.next_later->title;
    if (any_invented)
        foot += "  ·  * 时间、地点为示例安排，以现场通知为准";
    text_fit(cv, c, foot, small, x0, fy, inner_w, Color{0x66, 0x66, 0x66, 255});
}

std::string format_score(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

struct ResultsGeometry {
    int y_rows{}; // Top of the first row.
    int avail{};  // Height for rows.
    int row_h{};
    int rows_per_page{};
};

ResultsGeometry results_geometry(const Layout& l, const text::Metrics& metrics,
                                 std::size_t entries) {
    Rect panel = panel_rect(l);
    int pad = l.px(48);
    Style title_st{l.px(52), true};
    int y = panel.y + pad + metrics.line_height(title_st) + l.px(10) + l.px(24);
    int foot_h = l.px(48);
    int head_h = l.px(56);
    ResultsGeometry g;
    g.avail = panel.y + panel.h - pad - foot_h - y - head_h;
    g.y_rows = y + head_h;
    g.row_h = std::clamp(g.avail / std::max<int>(1, static_cast<int>(entries)), l.px(40), l.px(68));
    g.rows_per_page = std::max(1, g.avail / g.row_h);
    return g;
}

// Award tiers get a tint, so a final board reads as 一等奖 / 二等奖 / 三等奖 at a glance.
Color award_tint(const std::string& award) {
    if (award == "一等奖")
        return {0xFC, 0xE7, 0x9A, 255};
    if (award == "二等奖")
        return {0xE4, 0xE7, 0xEC, 255};
    if (award == "三等奖")
        return {0xF1, 0xD9, 0xC4, 255};
    return {0xF4, 0xF0, 0xE8, 255};
}

void paint_results(Canvas& cv, const Slide& s, const PaintContext& c) {
    const auto& m = c.bundle.manifest;
    const auto& theme = m.theme;
    const Layout& l = c.layout;
    cv.fill(l.slide, theme.background);
    Rect panel = panel_rect(l);
    cv.fill(panel, theme.panel);
    int pad = l.px(48);
    const content::Results* results = results_for(s, c);
    const content::EventResults* ev = results ? results->find(s.event) : nullptr;
    bool live = c.live != nullptr && results == c.live->results.get();

    // Title: event, then badges: final or live, sample data, and a stale warning.
    Style title_st{l.px(52), true};
    int x0 = panel.x + pad;
    int inner_w = panel.w - 2 * pad;
    int ty = panel.y + pad;
    int badge_space = l.px(520);
    int tw =
        text_fit(cv, c, s.event + " 成绩", title_st, x0, ty, inner_w - badge_space, theme.primary);
    int bx = x0 + tw + l.px(24);
    int bh = l.px(48);
    int by = ty + (c.metrics.line_height(title_st) - bh) / 2;
    if (ev != nullptr)
        bx += badge(cv, c, ev->final ? "最终成绩" : "实时成绩", bx, by, bh, theme.primary,
                    theme.text) +
              l.px(12);
    if (results != nullptr && results->sample)
        bx += badge(cv, c, "示例", bx, by, bh, theme.accent, theme.panel_text) + l.px(12);
    if (live) {
        const Color warn{0xC6, 0x00, 0x00, 255};
        bool lost =
            !c.live->last_contact || c.now - *c.live->last_contact > c.live->unreachable_after;
        bool old = results->updated && c.now - *results->updated > c.live->stale_after;
        if (lost)
            badge(cv, c, "结果源连接中断", bx, by, bh, warn, theme.text);
        else if (old)
            badge(cv, c, "数据未更新", bx, by, bh, warn, theme.text);
    }
    int y = ty + c.metrics.line_height(title_st) + l.px(10);
    cv.fill({x0, y, l.px(120), l.px(6)}, theme.accent);

    if (ev == nullptr || ev->entries.empty()) {
        cv.text("成绩尚未公布", Style{l.px(40), true}, x0, y + l.px(44), theme.panel_text);
        return;
    }
    auto ranked = content::rank(ev->entries);
    bool awards = std::any_of(ev->entries.begin(), ev->entries.end(),
                              [](const content::ResultEntry& e) { return !e.award.empty(); });
    auto g = results_geometry(l, c.metrics, ranked.size());
    auto paging = results_paging(s, c);
    int page = 0;
    if (paging.pages > 1 && paging.page_time.count() > 0 && c.now >= c.slide_start)
        page = static_cast<int>(((c.now - c.slide_start) / paging.page_time) % paging.pages);
    std::size_t first = static_cast<std::size_t>(page * g.rows_per_page);

    Style head{l.px(28), true};
    Style row{l.px(l.portrait ? 30 : 32), false};
    Style row_b{row.px, true};
    int rank_w = l.px(l.portrait ? 120 : 150);
    int score_w = l.px(140);
    int award_w = awards ? l.px(150) : 0;
    int contestant_w = l.px(l.portrait ? 130 : 220);
    int team_w = inner_w - rank_w - score_w - award_w - contestant_w;
    int cx_rank = x0, cx_team = cx_rank + rank_w, cx_con = cx_team + team_w,
        cx_score = cx_con + contestant_w, cx_award = cx_score + score_w;
    Color head_fg{0x66, 0x66, 0x66, 255};
    int head_h = l.px(56);
    int hy = g.y_rows - head_h + (head_h - c.metrics.line_height(head)) / 2;
    cv.text("名次", head, cx_rank, hy, head_fg);
    cv.text("学校", head, cx_team, hy, head_fg);
    cv.text("选手", head, cx_con, hy, head_fg);
    cv.text("成绩", head, cx_score, hy, head_fg);
    if (awards)
        cv.text("奖项", head, cx_award, hy, head_fg);
    bool highlight = live && c.now - c.live->changed_at < kHighlightFor;
    for (int i = 0; i < g.rows_per_page && first + static_cast<std::size_t>(i) < ranked.size();
         ++i) {
        const auto& r = ranked[first + static_cast<std::size_t>(i)];
        int ry = g.y_rows + i * g.row_h;
        bool changed =
            highlight && std::find(c.live->changed.begin(), c.live->changed.end(),
                                   content::entry_key(s.event, *r.entry)) != c.live->changed.end();
        if (changed)
            cv.fill({x0 - l.px(16), ry, inner_w + l.px(32), g.row_h}, theme.accent);
        else if (ev->final && !r.entry->award.empty())
            cv.fill({x0 - l.px(16), ry, inner_w + l.px(32), g.row_h}, award_tint(r.entry->award));
        else if (i % 2 == 0)
            cv.fill({x0 - l.px(16), ry, inner_w + l.px(32), g.row_h}, Color{0xF4, 0xF0, 0xE8, 255});
        int ly = ry + (g.row_h - c.metrics.line_height(row)) / 2;
        Color fg = theme.panel_text;
        std::string rank_text = std::to_string(r.rank) + (r.tied ? " 并列" : "");
        cv.text(rank_text, r.rank <= 3 ? row_b : row, cx_rank, ly,
                r.rank <= 3 ? theme.primary : fg);
        Style team_st =
            shrink_to_fit(r.entry->team, row, team_w - l.px(16), row.px * 3 / 4, c.metrics);
        text_fit(cv, c, r.entry->team, team_st, cx_team,
                 ly + c.metrics.line_height(row) - c.metrics.line_height(team_st),
                 team_w - l.px(16), fg);
        text_fit(cv, c, r.entry->contestant, row, cx_con, ly, contestant_w - l.px(16), fg);
        cv.text(format_score(r.entry->score), row_b, cx_score, ly, fg);
        if (awards)
            text_fit(cv, c, r.entry->award, row_b, cx_award, ly, award_w, theme.primary);
    }
    Style small{l.px(24), false};
    std::string foot;
    if (results->updated)
        foot = "数据时间 " + format_chinese_date(*results->updated, m.utc_offset) + " " +
               format_hhmm(*results->updated, m.utc_offset);
    if (paging.pages > 1)
        foot += "  ·  第 " + std::to_string(page + 1) + "/" + std::to_string(paging.pages) +
                " 页，共 " + std::to_string(ranked.size()) + " 名";
    if (highlight && !c.live->changed.empty())
        foot += "  ·  黄色为最新更新";
    if (results->sample)
        foot += "  ·  示例数据，仅供演示";
    text_fit(cv, c, foot, small, x0, panel.y + panel.h - pad - l.px(48) + l.px(12), inner_w,
             head_fg);
}

// A QR code for one of the bundle's links, with its title and caption: the online viewing channel
// on a board people walk past, to scan with a phone.
void paint_qr_slide(Canvas& cv, const Slide& s, const PaintContext& c) {
    const auto& theme = c.bundle.manifest.theme;
    const Layout& l = c.layout;
    cv.fill(l.slide, theme.background);
    Rect panel = panel_rect(l);
    cv.fill(panel, theme.panel);
    const auto& links = c.bundle.manifest.links;
    auto it = std::find_if(links.begin(), links.end(),
                           [&](const content::Link& k) { return k.id == s.link; });
    if (it == links.end())
        return;
    const content::Link& link = *it;
    int pad = l.px(56);
    Style title_st{l.px(l.portrait ? 64 : 72), true};
    Style caption_st{l.px(40), false};
    Style url_st{l.px(28), false};
    int text_h = c.metrics.line_height(title_st) + l.px(24) + c.metrics.line_height(caption_st) +
                 l.px(32) + c.metrics.line_height(url_st) + (link.sample ? l.px(24) + l.px(48) : 0);
    Rect qr_box;
    Rect text_box;
    if (l.portrait) {
        int side = std::min(panel.w - 2 * pad, panel.h - 3 * pad - text_h);
        qr_box = {panel.x + (panel.w - side) / 2, panel.y + pad, side, side};
        text_box = {panel.x + pad, qr_box.y + side + pad, panel.w - 2 * pad, text_h};
    } else {
        int side = panel.h - 2 * pad;
        qr_box = {panel.x + pad, panel.y + pad, side, side};
        int x = qr_box.x + side + pad;
        text_box = {x, panel.y + (panel.h - text_h) / 2, panel.x + panel.w - pad - x, text_h};
    }
    if (auto code = make_qr(link.url))
        paint_qr(cv, *code, qr_box, Color{0, 0, 0, 255}, Color{0xFF, 0xFF, 0xFF, 255});
    int y = text_box.y;
    auto line = [&](const std::string& text, Style st, Color color, int after) {
        Style fitted = shrink_to_fit(text, st, text_box.w, st.px * 3 / 4, c.metrics);
        if (l.portrait)
            text_centered(cv, c.metrics, text, fitted, text_box, y, color);
        else
            text_fit(cv, c, text, fitted, text_box.x, y, text_box.w, color);
        y += c.metrics.line_height(st) + after;
    };
    line(link.title, title_st, theme.primary, l.px(24));
    line(link.caption.empty() ? "请用手机扫码" : link.caption, caption_st, theme.panel_text,
         l.px(32));
    line(link.url, url_st, kMuted, l.px(24));
    if (link.sample) {
        int bh = l.px(48);
        std::string label = "示例地址，仅供演示";
        int bw = width_of(c, label, Style{bh * 62 / 100, true}) + 2 * l.px(12);
        int bx = l.portrait ? text_box.x + (text_box.w - bw) / 2 : text_box.x;
        badge(cv, c, label, bx, y, bh, theme.accent, theme.panel_text);
    }
}

} // namespace

const content::Results* results_for(const Slide& s, const PaintContext& c) {
    if (c.live != nullptr && c.live->results && c.live->results->find(s.event) != nullptr)
        return c.live->results.get();
    auto it = c.bundle.results.find(s.data);
    return it != c.bundle.results.end() ? &it->second : nullptr;
}

ResultsPaging results_paging(const Slide& s, const PaintContext& c) {
    ResultsPaging p;
    const content::Results* r = results_for(s, c);
    const content::EventResults* ev = r ? r->find(s.event) : nullptr;
    if (ev == nullptr)
        return p;
    auto g = results_geometry(c.layout, c.metrics, ev->entries.size());
    p.rows_per_page = g.rows_per_page;
    p.pages = std::max(
        1, static_cast<int>((ev->entries.size() + static_cast<std::size_t>(g.rows_per_page) - 1) /
                            static_cast<std::size_t>(g.rows_per_page)));
    // Every page is shown each time the slide comes round, sharing its time (give a board with
    // many pages a longer duration: three seconds a page is the least it gets).
    p.page_time = std::max<Duration>(std::chrono::seconds{3}, c.slide_duration / p.pages);
    return p;
}

text::Style shrink_to_fit(const std::string& s, text::Style style, int max_w, int min_px,
                          const text::Metrics& metrics) {
    while (style.px > min_px && text::measure(s, metrics, style) > max_w)
        style.px = std::max(min_px, style.px * 19 / 20);
    return style;
}

void text_centered(Canvas& canvas, const text::Metrics& metrics, const std::string& s, Style style,
                   Rect box, int y, Color color) {
    std::string cut = text::ellipsize(s, box.w, metrics, style);
    int w = text::measure(cut, metrics, style);
    canvas.text(cut, style, box.x + (box.w - w) / 2, y, color);
}

void paint_slide(Canvas& canvas, const Slide& slide, const PaintContext& ctx) {
    switch (slide.kind) {
    case content::SlideKind::Image:
        paint_image(canvas, slide, ctx);
        break;
    case content::SlideKind::Text:
        paint_text(canvas, slide, ctx);
        break;
    case content::SlideKind::Schedule:
        paint_schedule(canvas, slide, ctx);
        break;
    case content::SlideKind::Results:
        paint_results(canvas, slide, ctx);
        break;
    case content::SlideKind::Qr:
        paint_qr_slide(canvas, slide, ctx);
        break;
    }
}

void paint_emergency(Canvas& cv, const Slide& s, const PaintContext& c) {
    const Layout& l = c.layout;
    const auto& theme = c.bundle.manifest.theme;
    Rect screen{0, 0, l.screen.w, l.screen.h};
    const Color red{0xC6, 0x00, 0x00, 255};
    const Color white{0xFF, 0xFF, 0xFF, 255};
    cv.fill(screen, red);
    int band = l.px(24);
    cv.fill({0, 0, l.screen.w, band}, theme.accent);
    cv.fill({0, l.screen.h - band, l.screen.w, band}, theme.accent);
    int pad = l.px(l.portrait ? 56 : 96);
    int max_w = l.screen.w - 2 * pad;
    std::string title = s.kind == content::SlideKind::Text ? s.title : s.id;
    Style ts = shrink_to_fit(title, Style{l.px(96), true}, max_w, l.px(48), c.metrics);
    int title_h = c.metrics.line_height(ts);
    int gap = l.px(56);
    int avail = l.screen.h - 2 * band - 2 * l.px(64) - title_h - gap;
    if (s.kind == content::SlideKind::Image) {
        int y = band + l.px(64);
        text_centered(cv, c.metrics, title, ts, {pad, 0, max_w, 0}, y, white);
        cv.image(s.asset, {pad, y + title_h + gap, max_w, avail}, s.fit);
        return;
    }
    // The largest text that fits, the title and body centred on the screen as one block.
    std::vector<text::Line> lines;
    Style st{l.px(60), false};
    int lh = 0;
    for (int ref = 60; ref >= 28; ref -= 4) {
        st.px = l.px(ref);
        lines = text::break_lines(s.body, max_w, c.metrics, st);
        lh = c.metrics.line_height(st) * 3 / 2;
        if (static_cast<int>(lines.size()) * lh <= avail)
            break;
    }
    int max_lines = lh > 0 ? std::max(1, avail / lh) : 1;
    int shown = std::min(static_cast<int>(lines.size()), max_lines);
    int block = title_h + gap + shown * lh;
    int y = (l.screen.h - block) / 2;
    text_centered(cv, c.metrics, title, ts, {pad, 0, max_w, 0}, y, white);
    cv.fill({(l.screen.w - l.px(160)) / 2, y + title_h + gap / 2 - l.px(4), l.px(160), l.px(8)},
            theme.accent);
    y += title_h + gap;
    for (int i = 0; i < shown; ++i)
        text_centered(cv, c.metrics, lines[static_cast<std::size_t>(i)].text, st,
                      {pad, 0, max_w, 0}, y + i * lh, white);
}

namespace {

// The branded ground of the fallback and waiting screens: the theme's colour, the logo centred at
// `top` (from the middle), `size` wide; returns the line below it.
int paint_branded(Canvas& cv, const content::Theme& theme, const Layout& l,
                  const std::string& logo_asset, int top, int size) {
    cv.fill({0, 0, l.screen.w, l.screen.h}, theme.primary);
    int y = l.screen.h / 2 - l.px(top);
    if (!logo_asset.empty())
        cv.image(logo_asset, {(l.screen.w - l.px(size)) / 2, y, l.px(size), l.px(size)},
                 Fit::Contain);
    return y + l.px(size);
}

} // namespace

void paint_fallback(Canvas& cv, const content::Theme& theme, const text::Metrics& metrics,
                    const Layout& l, const std::string& logo_asset, const std::string& message) {
    int y = paint_branded(cv, theme, l, logo_asset, 260, 220) + l.px(48);
    Rect box{l.px(40), 0, l.screen.w - l.px(80), 0};
    std::string header = theme.header;
    // A header too wide for one line is split at its middle dot.
    Style hs{l.px(48), true};
    auto dot = header.find(" · ");
    if (text::measure(header, metrics, hs) > box.w && dot != std::string::npos) {
        text_centered(cv, metrics, header.substr(0, dot), hs, box, y, theme.text);
        y += metrics.line_height(hs);
        text_centered(cv, metrics, header.substr(dot + 4), hs, box, y, theme.accent);
    } else {
        text_centered(cv, metrics, header, hs, box, y, theme.text);
    }
    y += metrics.line_height(hs) + l.px(40);
    text_centered(cv, metrics, message, Style{l.px(34), false}, box, y, theme.text);
}

void paint_waiting(Canvas& cv, const content::Theme& theme, const text::Metrics& metrics,
                   const Layout& l, const std::string& logo_asset,
                   const std::vector<std::string>& lines) {
    int y = paint_branded(cv, theme, l, logo_asset, 300, 160) + l.px(40);
    Rect box{l.px(40), 0, l.screen.w - l.px(80), 0};
    Style title{l.px(44), true};
    Style detail{l.px(28), false};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Style& st = i == 0 ? title : detail;
        text_centered(cv, metrics, lines[i], st, box, y, i == 0 ? theme.text : theme.accent);
        y += metrics.line_height(st) + (i == 0 ? l.px(32) : l.px(8));
    }
}

} // namespace kiosk::ui

// Slide painters: image poster, text notice, schedule board, results board, fallback.
#include "kiosk/ui/slides.hpp"

#include "kiosk/ui/slide_parts.hpp"

#include "kiosk/text/utf8.hpp"
#include "kiosk/ui/qr.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

using content::Slide;
using text::Style;

int width_of(const PaintContext& c, const std::string& s, Style st) {
    return text::measure(s, c.metrics, st);
}

int text_fit(Canvas& cv, const PaintContext& c, const std::string& s, Style st, int x, int y,
             int max_w, Color color) {
    std::string cut = text::ellipsize(s, max_w, c.metrics, st);
    cv.text(cut, st, x, y, color);
    return width_of(c, cut, st);
}

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

Rect paint_panel(Canvas& cv, const PaintContext& c) {
    cv.fill(c.layout.slide, c.bundle.manifest.theme.background);
    Rect panel = panel_rect(c.layout);
    cv.fill(panel, c.bundle.manifest.theme.panel);
    return panel;
}

Rect panel_rect(const Layout& l) {
    int m = l.px(l.portrait ? 32 : 40);
    return {l.slide.x + m, l.slide.y + m, l.slide.w - 2 * m, l.slide.h - 2 * m};
}

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

namespace {

void paint_image(Canvas& cv, const Slide& s, const PaintContext& c) {
    cv.fill(c.layout.slide, c.bundle.manifest.theme.background);
    cv.image(s.asset, c.layout.slide, s.fit);
}

struct ResultsGeometry {
    int y_rows{}; // Top of the first row.
    int avail{};  // Height for rows.
    int row_h{};
    int rows_per_page{};
};

// The badges after a results board's title (final or live, sample, a stale warning), and whether
// they go on a line of their own below it: the event's name is never cut for them.
struct TitleBadges {
    std::vector<std::pair<std::string, int>>
        labels; // Label and kind: 0 state, 1 sample, 2 warning.
    int width{};
    bool below{false};
};

TitleBadges title_badges(const Slide& s, const PaintContext& c) {
    const Layout& l = c.layout;
    const content::Results* results = results_for(s, c);
    const content::EventResults* ev = results ? results->find(s.event) : nullptr;
    TitleBadges b;
    if (ev != nullptr)
        b.labels.emplace_back(ev->final ? "最终成绩" : "实时成绩", 0);
    if (results != nullptr && results->sample)
        b.labels.emplace_back("示例", 1);
    if (c.live != nullptr && results == c.live->results.get()) {
        bool lost =
            !c.live->last_contact || c.now - *c.live->last_contact > c.live->unreachable_after;
        bool old = results->updated && c.now - *results->updated > c.live->stale_after;
        if (lost)
            b.labels.emplace_back("结果源连接中断", 2);
        else if (old)
            b.labels.emplace_back("数据未更新", 2);
    }
    const int bh = l.px(48);
    Style st{std::max(1, bh * 62 / 100), true};
    for (const auto& [label, kind] : b.labels)
        b.width += width_of(c, label, st) + 2 * l.px(12) + l.px(12);
    Rect panel = panel_rect(l);
    int inner_w = panel.w - 2 * l.px(48);
    Style title_st{l.px(52), true};
    b.below = !b.labels.empty() &&
              !text::fits(s.event + " 成绩", inner_w - l.px(24) - b.width, c.metrics, title_st);
    return b;
}

ResultsGeometry results_geometry(const Layout& l, const text::Metrics& metrics, std::size_t entries,
                                 int title_extra) {
    Rect panel = panel_rect(l);
    int pad = l.px(48);
    Style title_st{l.px(52), true};
    int y = panel.y + pad + metrics.line_height(title_st) + title_extra + l.px(10) + l.px(24);
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
    Rect panel = paint_panel(cv, c);
    int pad = l.px(48);
    const content::Results* results = results_for(s, c);
    const content::EventResults* ev = results ? results->find(s.event) : nullptr;
    bool live = c.live != nullptr && results == c.live->results.get();

    // Title: event, then badges: final or live, sample data, and a stale warning; the badges on a
    // line of their own when the event's name would otherwise be cut.
    Style title_st{l.px(52), true};
    int x0 = panel.x + pad;
    int inner_w = panel.w - 2 * pad;
    int ty = panel.y + pad;
    TitleBadges badges = title_badges(s, c);
    int tw = text_fit(cv, c, s.event + " 成绩", title_st, x0, ty,
                      badges.below ? inner_w : inner_w - badges.width - l.px(24), theme.primary);
    int bh = l.px(48);
    int bx = badges.below ? x0 : x0 + tw + l.px(24);
    int by = badges.below ? ty + c.metrics.line_height(title_st) + l.px(8)
                          : ty + (c.metrics.line_height(title_st) - bh) / 2;
    for (const auto& [label, kind] : badges.labels) {
        const Color warn{0xC6, 0x00, 0x00, 255};
        Color bg = kind == 0 ? theme.primary : kind == 1 ? theme.accent : warn;
        Color fg = kind == 1 ? theme.panel_text : theme.text;
        bx += badge(cv, c, label, bx, by, bh, bg, fg) + l.px(12);
    }
    int title_extra = badges.below ? bh + l.px(8) : 0;
    int y = ty + c.metrics.line_height(title_st) + title_extra + l.px(10);
    cv.fill({x0, y, l.px(120), l.px(6)}, theme.accent);

    if (ev == nullptr || ev->entries.empty()) {
        cv.text("成绩尚未公布", Style{l.px(40), true}, x0, y + l.px(44), theme.panel_text);
        return;
    }
    auto ranked = content::rank(ev->entries);
    bool awards = std::any_of(ev->entries.begin(), ev->entries.end(),
                              [](const content::ResultEntry& e) { return !e.award.empty(); });
    auto g = results_geometry(l, c.metrics, ranked.size(), title_extra);
    auto paging = results_paging(s, c);
    int page = paging.page_at(c.slide_start, c.now);
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
        std::string rank_text =
            r.rank == 0 ? "—" : std::to_string(r.rank) + (r.tied ? " 并列" : ""); // 0: unranked.
        const bool podium = r.rank >= 1 && r.rank <= 3;
        cv.text(rank_text, podium ? row_b : row, cx_rank, ly, podium ? theme.primary : fg);
        Style team_st =
            shrink_to_fit(r.entry->team, row, team_w - l.px(16), row.px * 3 / 4, c.metrics);
        text_fit(cv, c, r.entry->team, team_st, cx_team,
                 ly + c.metrics.line_height(row) - c.metrics.line_height(team_st),
                 team_w - l.px(16), fg);
        text_fit(cv, c, r.entry->contestant, row, cx_con, ly, contestant_w - l.px(16), fg);
        cv.text(content::score_text(*r.entry), row_b, cx_score, ly, fg);
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

int SlidePaging::page_at(TimePoint start, TimePoint now) const {
    if (pages <= 1 || page_time.count() <= 0 || now < start)
        return 0;
    return static_cast<int>(((now - start) / page_time) % pages);
}

SlidePaging slide_paging(const Slide& s, const PaintContext& c) {
    if (s.kind == content::SlideKind::Text)
        return notice_paging(s, c);
    if (s.kind == content::SlideKind::Results)
        return results_paging(s, c);
    return {};
}

SlidePaging results_paging(const Slide& s, const PaintContext& c) {
    SlidePaging p;
    const content::Results* r = results_for(s, c);
    const content::EventResults* ev = r ? r->find(s.event) : nullptr;
    if (ev == nullptr)
        return p;
    auto g = results_geometry(c.layout, c.metrics, ev->entries.size(),
                              title_badges(s, c).below ? c.layout.px(48) + c.layout.px(8) : 0);
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
    while (style.px > min_px && !text::fits(s, max_w, metrics, style))
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
    if (!text::fits(header, box.w, metrics, hs) && dot != std::string::npos) {
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

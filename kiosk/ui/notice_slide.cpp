// The text notice and the emergency screen: a notice's blocks laid out by notice_layout, paged
// when they do not fit at a readable size, the pages sharing the slide's time.
#include "kiosk/ui/notice_layout.hpp"
#include "kiosk/ui/slide_parts.hpp"

#include <algorithm>

namespace kiosk::ui {
namespace {

using content::Slide;
using text::Style;

// The body as read with the manifest, or read now from a slide made without it (tests).
std::shared_ptr<const content::Notice> notice_of(const Slide& s) {
    return s.notice ? s.notice
                    : std::make_shared<const content::Notice>(content::plain_notice(s.body));
}

// Where a notice slide's body goes: the panel below its title, less a line for the page marker.
struct NoticeBox {
    Rect panel;
    int pad{};
    int body_top{};
    Rect body;
};

NoticeBox notice_box(const PaintContext& c) {
    const Layout& l = c.layout;
    NoticeBox b;
    b.panel = panel_rect(l);
    b.pad = l.px(56);
    Style title{l.px(52), true};
    b.body_top = b.panel.y + b.pad + c.metrics.line_height(title) + l.px(10) + l.px(28);
    int marker_h = c.metrics.line_height({l.px(28), false});
    b.body = {b.panel.x + b.pad, b.body_top, b.panel.w - 2 * b.pad,
              b.panel.y + b.panel.h - b.pad - b.body_top - marker_h};
    return b;
}

// The rows of one page, from (x0, y0).
void draw_rows(Canvas& cv, const NoticeLayout& nl, int page, int x0, int y0, int width,
               const PaintContext& c, Color text, Color emphasis, Color accent) {
    const Layout& l = c.layout;
    const int bar = std::max(2, l.px(6));
    for (const auto& r : nl.rows) {
        if (r.page != page)
            continue;
        const int y = y0 + r.y;
        for (int q = 0; q < r.quote_depth; ++q)
            cv.fill({x0 + q * (r.x / std::max(1, r.quote_depth)), y, bar, r.height}, accent);
        if (r.rule) {
            cv.fill({x0 + r.x, y + r.height / 2, width - r.x, std::max(1, l.px(2))}, accent);
            continue;
        }
        // Text sits in the middle of its row, as the lines of the old single-size layout did.
        auto top = [&](Style st) { return y + (r.height - c.metrics.line_height(st)) / 2; };
        if (!r.marker.empty())
            cv.text(r.marker, nl.body, x0 + r.marker_x, top(nl.body), emphasis);
        for (const auto& p : r.pieces)
            cv.text(p.text, p.style, x0 + r.x + p.x, top(p.style),
                    p.tag == kEmphasisText ? emphasis : text);
    }
}

} // namespace

NoticeLayout lay_out_notice_slide(const Slide& s, const PaintContext& c) {
    NoticeBox b = notice_box(c);
    const Size box{b.body.w, b.body.h};
    if (c.notices != nullptr && s.notice) {
        if (const NoticeLayout* kept = c.notices->find(s.notice.get(), box))
            return *kept;
        return c.notices->put(s.notice.get(), box,
                              lay_out_notice(*s.notice, box, c.layout, c.metrics, {}));
    }
    return lay_out_notice(*notice_of(s), box, c.layout, c.metrics, {});
}

SlidePaging notice_paging(const Slide& s, const PaintContext& c) {
    SlidePaging p;
    p.pages = lay_out_notice_slide(s, c).pages;
    p.page_time = p.pages > 1 ? c.slide_duration / p.pages : c.slide_duration;
    if (p.pages > 1 && p.page_time.count() <= 0)
        p.page_time = std::chrono::seconds{8}; // Browsing: no slide time to share.
    return p;
}

void paint_text(Canvas& cv, const Slide& s, const PaintContext& c) {
    const auto& theme = c.bundle.manifest.theme;
    const Layout& l = c.layout;
    cv.fill(l.slide, theme.background);
    NoticeBox b = notice_box(c);
    cv.fill(b.panel, theme.panel);
    panel_title(cv, c, b.panel, s.title, b.pad);
    NoticeLayout nl = lay_out_notice_slide(s, c);
    SlidePaging paging = notice_paging(s, c);
    const int page = paging.page_at(c.slide_start, c.now);
    draw_rows(cv, nl, page, b.body.x, b.body.y, b.body.w, c, theme.panel_text, theme.primary,
              theme.accent);
    if (nl.pages > 1) {
        // "2/3" at the panel's bottom right, and a bar of how far through the notice this is.
        Style st{l.px(28), true};
        std::string marker = std::to_string(page + 1) + "/" + std::to_string(nl.pages);
        int w = width_of(c, marker, st);
        int y = b.body.y + b.body.h;
        cv.text(marker, st, b.body.x + b.body.w - w, y, theme.primary);
        int track = b.body.w - w - l.px(24);
        int bar_y = y + c.metrics.line_height(st) / 2 - l.px(3);
        cv.fill({b.body.x, bar_y, track, l.px(6)}, Color{0xE4, 0xE4, 0xE4, 255});
        cv.fill({b.body.x, bar_y, track * (page + 1) / nl.pages, l.px(6)}, theme.accent);
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
    int marker_h = c.metrics.line_height({l.px(32), true});
    int avail = l.screen.h - 2 * band - 2 * l.px(64) - title_h - gap;
    if (s.kind == content::SlideKind::Image) {
        int y = band + l.px(64);
        text_centered(cv, c.metrics, title, ts, {pad, 0, max_w, 0}, y, white);
        cv.image(s.asset, {pad, y + title_h + gap, max_w, avail}, s.fit);
        return;
    }
    // The largest text that fits, the title and body centred on the screen as one block; pages
    // at the smallest size when it does not fit.
    NoticeSizes sizes{60, 40, 4, true};
    NoticeLayout nl = lay_out_notice(*notice_of(s), {max_w, avail}, l, c.metrics, sizes);
    if (nl.pages > 1)
        nl = lay_out_notice(*notice_of(s), {max_w, avail - marker_h}, l, c.metrics, sizes);
    int page = 0;
    if (nl.pages > 1 && c.slide_duration.count() > 0)
        page = SlidePaging{nl.pages, 1, c.slide_duration / nl.pages}.page_at(c.slide_start, c.now);
    int used = 0;
    for (const auto& r : nl.rows)
        if (r.page == page)
            used = std::max(used, r.y + r.height);
    int block = title_h + gap + used;
    int y = std::max(band + l.px(32), (l.screen.h - block - (nl.pages > 1 ? marker_h : 0)) / 2);
    text_centered(cv, c.metrics, title, ts, {pad, 0, max_w, 0}, y, white);
    cv.fill({(l.screen.w - l.px(160)) / 2, y + title_h + gap / 2 - l.px(4), l.px(160), l.px(8)},
            theme.accent);
    y += title_h + gap;
    draw_rows(cv, nl, page, pad, y, max_w, c, white, theme.accent, theme.accent);
    if (nl.pages > 1)
        text_centered(cv, c.metrics, std::to_string(page + 1) + "/" + std::to_string(nl.pages),
                      {l.px(32), true}, {pad, 0, max_w, 0}, y + used, theme.accent);
}

} // namespace kiosk::ui

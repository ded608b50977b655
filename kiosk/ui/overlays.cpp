// Header and ticker painters.
#include "kiosk/ui/overlays.hpp"

#include "kiosk/ui/slides.hpp"

#include <algorithm>

namespace kiosk::ui {

void paint_header(Canvas& cv, const content::Manifest& m, const text::Metrics& metrics,
                  const Layout& l, TimePoint now) {
    const auto& theme = m.theme;
    cv.fill(l.header, theme.primary);
    cv.fill({l.header.x, l.header.y + l.header.h - l.px(6), l.header.w, l.px(6)}, theme.accent);
    int pad = l.px(28);
    int x = l.header.x + pad;
    int inner_h = l.header.h - l.px(6);
    if (!theme.logo.empty()) {
        Rect logo = header_logo(l);
        cv.image(theme.logo, logo, Fit::Contain);
        x = logo.x + logo.w + l.px(24);
    }

    // The clock and date at the right.
    text::Style clock_st{l.px(l.portrait ? 60 : 46), true};
    text::Style date_st{l.px(l.portrait ? 28 : 24), false};
    std::string clock = format_hhmm(now, m.utc_offset);
    std::string date = format_chinese_date(now, m.utc_offset);
    int clock_w =
        std::max(text::measure(clock, metrics, clock_st), text::measure(date, metrics, date_st));
    int right = l.header.x + l.header.w - pad;
    int block_h = metrics.line_height(clock_st) + metrics.line_height(date_st);
    int cy = l.header.y + (inner_h - block_h) / 2;
    int cx = right - clock_w;
    cv.text(clock, clock_st, cx + (clock_w - text::measure(clock, metrics, clock_st)) / 2, cy,
            theme.text);
    cv.text(date, date_st, cx + (clock_w - text::measure(date, metrics, date_st)) / 2,
            cy + metrics.line_height(clock_st), theme.text);

    // The header text between logo and clock: one line if it fits, else two split at the middle
    // dot (the event on top, the theme under it), else cut.
    int max_w = cx - l.px(32) - x;
    text::Style one{l.px(l.portrait ? 44 : 40), true};
    const std::string& h = theme.header;
    auto dot = h.find(" · ");
    if (text::fits(h, max_w, metrics, one) || dot == std::string::npos) {
        cv.text(text::ellipsize(h, max_w, metrics, one), one, x,
                l.header.y + (inner_h - metrics.line_height(one)) / 2, theme.text);
        return;
    }
    text::Style top = shrink_to_fit(h.substr(0, dot), {l.px(l.portrait ? 44 : 34), true}, max_w,
                                    l.px(24), metrics);
    text::Style bottom = shrink_to_fit(h.substr(dot + 4), {l.px(l.portrait ? 38 : 30), false},
                                       max_w, l.px(22), metrics);
    int th = metrics.line_height(top) + metrics.line_height(bottom);
    int ty = l.header.y + (inner_h - th) / 2;
    cv.text(text::ellipsize(h.substr(0, dot), max_w, metrics, top), top, x, ty, theme.text);
    cv.text(text::ellipsize(h.substr(dot + 4), max_w, metrics, bottom), bottom, x,
            ty + metrics.line_height(top), theme.accent);
}

namespace {

std::vector<const std::string*> open_slogans(const content::Manifest& m, TimePoint now) {
    std::vector<const std::string*> out;
    for (const auto& item : m.theme.ticker)
        if (content::contains(item.window, now, m.utc_offset))
            out.push_back(&item.text);
    return out;
}

} // namespace

void paint_ticker(Canvas& cv, const content::Manifest& m, const text::Metrics& metrics,
                  const Layout& l, TimePoint now) {
    const auto& theme = m.theme;
    cv.fill(l.ticker, mix(theme.primary, Color{0, 0, 0, 255}, 0.35));
    auto slogans = open_slogans(m, now);
    if (slogans.empty())
        return;
    // Floor division: times before 1970 count down, not up.
    auto slot = std::chrono::floor<std::chrono::seconds>(now).time_since_epoch() /
                std::chrono::duration_cast<std::chrono::seconds>(kTickerPeriod);
    auto n = static_cast<long long>(slogans.size());
    auto index = static_cast<std::size_t>(((slot % n) + n) % n);
    int pad = l.px(28);
    int mark = l.px(14);
    cv.fill({pad, l.ticker.y + (l.ticker.h - mark) / 2, mark, mark}, theme.accent);
    text::Style st{l.px(32), false};
    int x = pad + mark + l.px(20);
    cv.text(text::ellipsize(*slogans[index], l.ticker.w - x - pad, metrics, st), st, x,
            l.ticker.y + (l.ticker.h - metrics.line_height(st)) / 2, theme.text);
}

TimePoint next_ticker_change(const content::Manifest& m, TimePoint now) {
    TimePoint best = TimePoint::max();
    for (const auto& item : m.theme.ticker)
        best = std::min(best, content::next_boundary(item.window, now, m.utc_offset));
    if (open_slogans(m, now).size() >= 2) {
        auto period = std::chrono::duration_cast<Duration>(kTickerPeriod);
        best = std::min(
            best, std::chrono::floor<std::chrono::seconds>(now) + period -
                      (std::chrono::floor<std::chrono::seconds>(now).time_since_epoch() % period +
                       period) %
                          period);
    }
    return best;
}

} // namespace kiosk::ui

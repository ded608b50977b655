// Region arithmetic.
#include "kiosk/ui/layout.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

int Layout::px(double reference) const {
    return std::max(1, static_cast<int>(std::lround(reference * unit)));
}

Layout make_layout(Size screen) {
    Layout l;
    l.screen = screen;
    l.portrait = screen.h > screen.w;
    l.unit = std::min(screen.w, screen.h) / 1080.0;
    int header_h = l.px(l.portrait ? 200 : 112);
    int ticker_h = l.px(72);
    l.header = {0, 0, screen.w, header_h};
    l.ticker = {0, screen.h - ticker_h, screen.w, ticker_h};
    l.slide = {0, header_h, screen.w, screen.h - header_h - ticker_h};
    return l;
}

Rect header_logo(const Layout& l) {
    int inner_h = l.header.h - l.px(6); // Above the accent line.
    int s = inner_h - l.px(l.portrait ? 64 : 24);
    return {l.header.x + l.px(28), l.header.y + (inner_h - s) / 2, s, s};
}

} // namespace kiosk::ui

// Screen regions and sizes, scaled from a 1080-pixel reference so every resolution looks alike.
#pragma once

#include "kiosk/core/geometry.hpp"

namespace kiosk::ui {

struct Layout {
    Size screen;
    bool portrait{false};
    double unit{1.0}; // Pixels per reference pixel: min(w, h) / 1080.
    Rect header;
    Rect ticker;
    Rect slide; // Between header and ticker.

    int px(double reference) const; // A reference length in screen pixels, at least 1.
};

Layout make_layout(Size screen);

// The square the header's logo is fitted into, at the left of the header.
Rect header_logo(const Layout& l);

} // namespace kiosk::ui

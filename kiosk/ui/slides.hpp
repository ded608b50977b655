// Painters for each slide kind, and the fallback screen.
#pragma once

#include "kiosk/content/bundle.hpp"
#include "kiosk/ui/draw_list.hpp"
#include "kiosk/ui/layout.hpp"

namespace kiosk::ui {

struct PaintContext {
    const content::Bundle& bundle;
    const text::Metrics& metrics;
    const Layout& layout;
    TimePoint now;
};

void paint_slide(Canvas& canvas, const content::Slide& slide, const PaintContext& ctx);

// An emergency notice over the whole screen.
void paint_emergency(Canvas& canvas, const content::Slide& slide, const PaintContext& ctx);

// The branded screen shown when there is nothing playable; never a black screen.
void paint_fallback(Canvas& canvas, const content::Theme& theme, const text::Metrics& metrics,
                    const Layout& layout, const std::string& logo_asset,
                    const std::string& message);

// `style` made smaller, down to `min_px`, until `s` fits `max_w` (a cut text loses meaning; a
// slightly smaller one does not).
text::Style shrink_to_fit(const std::string& s, text::Style style, int max_w, int min_px,
                          const text::Metrics& metrics);

// Draws `s` centred horizontally in `box` at line top `y`, cut with … if too wide.
void text_centered(Canvas& canvas, const text::Metrics& metrics, const std::string& s,
                   text::Style style, Rect box, int y, Color color);

} // namespace kiosk::ui

// Overlays drawn on top of every slide: the header with logo and clock, and the ticker of slogans.
#pragma once

#include "kiosk/content/manifest.hpp"
#include "kiosk/ui/draw_list.hpp"
#include "kiosk/ui/layout.hpp"

namespace kiosk::ui {

inline constexpr Duration kTickerPeriod = std::chrono::seconds{10};

void paint_header(Canvas& canvas, const content::Manifest& manifest, const text::Metrics& metrics,
                  const Layout& layout, TimePoint now);

// One slogan at a time, changing every kTickerPeriod: a moving ticker would redraw the whole
// screen 60 times a second, where a static one costs nothing between changes.
// Only the slogans whose window is open at `now` take part.
void paint_ticker(Canvas& canvas, const content::Manifest& manifest, const text::Metrics& metrics,
                  const Layout& layout, TimePoint now);

// When the ticker next changes.
TimePoint next_ticker_change(const content::Manifest& manifest, TimePoint now);

} // namespace kiosk::ui

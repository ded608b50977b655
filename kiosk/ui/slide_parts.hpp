// Pieces the slide painters share: the panel, its title, cut-to-fit lines and badges. Internal to
// the ui library.
#pragma once

#include "kiosk/ui/slides.hpp"

namespace kiosk::ui {

// Grey for what is over (past events, addresses).
inline constexpr Color kMuted{0x88, 0x88, 0x88, 255};

int width_of(const PaintContext& c, const std::string& s, text::Style st);
// Draws a line cut to `max_w`, returns its width.
int text_fit(Canvas& cv, const PaintContext& c, const std::string& s, text::Style st, int x, int y,
             int max_w, Color color);
// A small label on a coloured background; returns its width.
int badge(Canvas& cv, const PaintContext& c, const std::string& label, int x, int y, int h,
          Color bg, Color fg);
Rect panel_rect(const Layout& l);
// The slide's background and its white panel; returns the panel.
Rect paint_panel(Canvas& cv, const PaintContext& c);
// Title line with an accent rule under it; returns the y below it.
int panel_title(Canvas& cv, const PaintContext& c, Rect panel, const std::string& title, int pad);

// A table cell: one line centred in `box` when it fits, else two lines (smaller, to fit the
// height) before the second is cut.
void fit_cell(Canvas& cv, const PaintContext& c, const std::string& s, text::Style st, Rect box,
              Color color);
// The schedule board (schedule_board.cpp).
void paint_schedule(Canvas& cv, const content::Slide& s, const PaintContext& c);

// The text notice (notice_slide.cpp).
void paint_text(Canvas& cv, const content::Slide& s, const PaintContext& c);
SlidePaging notice_paging(const content::Slide& s, const PaintContext& c);

} // namespace kiosk::ui

// Painters for each slide kind, and the fallback screen.
#pragma once

#include "kiosk/content/bundle.hpp"
#include "kiosk/ui/draw_list.hpp"
#include "kiosk/ui/layout.hpp"
#include "kiosk/ui/notice_layout.hpp"

#include <memory>
#include <optional>

namespace kiosk::ui {

// Live results from the feed, and what the results boards need to know about them.
struct LiveResults {
    std::shared_ptr<const content::Results> results;
    std::vector<std::string> changed; // entry_key()s changed by the last update…
    TimePoint changed_at;             // … when it arrived (highlighted for kHighlightFor).
    std::optional<TimePoint> last_contact;
    Duration unreachable_after{std::chrono::seconds{60}}; // No answer this long: "feed lost".
    Duration stale_after{std::chrono::minutes{60}};       // Data older than this: "not current".
};

inline constexpr Duration kHighlightFor = std::chrono::seconds{30};

struct PaintContext {
    const content::Bundle& bundle;
    const text::Metrics& metrics;
    const Layout& layout;
    TimePoint now;
    const LiveResults* live{nullptr};
    TimePoint slide_start{}; // For paging.
    Duration slide_duration{};
    NoticeCache* notices{nullptr}; // Laid-out notices kept between frames, when there is one.
};

// How a slide is paged when its content does not fit (a long results table, a long notice): its
// pages share the slide's time, each showing for `page_time`.
struct SlidePaging {
    int pages{1};
    int rows_per_page{1}; // Results boards.
    Duration page_time{};
    // The page on screen at `now` for a slide on screen since `start`.
    int page_at(TimePoint start, TimePoint now) const;
};
SlidePaging slide_paging(const content::Slide& slide, const PaintContext& ctx);
SlidePaging results_paging(const content::Slide& slide, const PaintContext& ctx);
// The results a board shows: the live feed's for its event when it has them, else the bundle's.
const content::Results* results_for(const content::Slide& slide, const PaintContext& ctx);

void paint_slide(Canvas& canvas, const content::Slide& slide, const PaintContext& ctx);

// An emergency notice over the whole screen.
void paint_emergency(Canvas& canvas, const content::Slide& slide, const PaintContext& ctx);

// The branded screen shown when there is nothing playable; never a black screen.
void paint_fallback(Canvas& canvas, const content::Theme& theme, const text::Metrics& metrics,
                    const Layout& layout, const std::string& logo_asset,
                    const std::string& message);
// A display that follows a channel and has none of its versions yet: the branded screen with
// `lines[0]` as its title and the rest (display, server, channel, what it is doing) below.
void paint_waiting(Canvas& canvas, const content::Theme& theme, const text::Metrics& metrics,
                   const Layout& layout, const std::string& logo_asset,
                   const std::vector<std::string>& lines);

// `style` made smaller, down to `min_px`, until `s` fits `max_w` (a cut text loses meaning; a
// slightly smaller one does not).
text::Style shrink_to_fit(const std::string& s, text::Style style, int max_w, int min_px,
                          const text::Metrics& metrics);

// Draws `s` centred horizontally in `box` at line top `y`, cut with … if too wide.
void text_centered(Canvas& canvas, const text::Metrics& metrics, const std::string& s,
                   text::Style style, Rect box, int y, Color color);

} // namespace kiosk::ui

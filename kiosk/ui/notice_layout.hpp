// A notice's blocks laid out in a box: the largest text size from a range at which it fits one
// page, else pages at the smallest size (never cut). Shared by the notice slide, the emergency
// screen and kiosk-pack check, which warns about notices that need more pages than their time.
#pragma once

#include "kiosk/content/manifest.hpp"
#include "kiosk/content/notice.hpp"
#include "kiosk/text/line_break.hpp"
#include "kiosk/ui/layout.hpp"

#include <map>
#include <tuple>
#include <vector>

namespace kiosk::ui {

// Text tags of the laid-out pieces: which colour each is drawn in.
enum NoticeTag : int { kPlainText = 0, kEmphasisText = 1 };

struct NoticeRow {
    int page{};
    int y{}; // From the page's top.
    int x{}; // From the box's left: indent of lists and quotes.
    int height{};
    std::vector<text::Piece> pieces;
    std::string marker; // A list item's "1." or "•", drawn left of `x`.
    int marker_x{};
    int quote_depth{}; // Bars drawn at the left.
    bool rule{false};  // A thematic break: a line across.
    int width{};       // Of the pieces.
};

struct NoticeLayout {
    text::Style body;
    int pages{1};
    int line_height{}; // Baseline to baseline of a body line.
    std::vector<NoticeRow> rows;
    bool fits_one_page() const { return pages == 1; }
};

struct NoticeSizes {
    int largest_ref{46};  // Reference pixels (ui::Layout::px) of the body text, tried downwards.
    int smallest_ref{32}; // The least readable from a board's viewing distance.
    int step_ref{2};
    bool centered{false}; // Paragraphs centred (the emergency screen).
};

NoticeLayout lay_out_notice(const content::Notice& notice, Size box, const Layout& layout,
                            const text::Metrics& metrics, const NoticeSizes& sizes);

// Laid-out notices kept for the frames that follow: a long notice tries several sizes, and a
// frame is composed many times a second in a transition. Owned by whoever owns the bundle (a
// Show); a notice is known by its address, so the cache must not outlive the bundle.
class NoticeCache {
public:
    const NoticeLayout* find(const content::Notice* notice, Size box) const;
    const NoticeLayout& put(const content::Notice* notice, Size box, NoticeLayout layout);

private:
    std::map<std::tuple<const content::Notice*, int, int>, NoticeLayout> m_layouts;
};

struct PaintContext;
// A notice slide's body as its painter lays it out (notice_slide.cpp).
NoticeLayout lay_out_notice_slide(const content::Slide& slide, const PaintContext& ctx);

} // namespace kiosk::ui

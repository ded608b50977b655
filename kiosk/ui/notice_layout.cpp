// Blocks into rows: list items hang from their markers, paragraphs start with a two-character
// indent as Chinese text is set, headings are bold and a little larger.
#include "kiosk/ui/notice_layout.hpp"

#include <algorithm>

namespace kiosk::ui {
namespace {

using content::NoticeBlockKind;

constexpr int kMaxIndentLevels = 4; // Deeper lists and quotes draw at this depth.

// One size's rows, paged into `box.h`.
NoticeLayout at_size(const content::Notice& notice, Size box, const text::Metrics& metrics, int px,
                     bool centered) {
    NoticeLayout out;
    out.body = {px, false};
    const int lh = metrics.line_height(out.body) * 3 / 2;
    out.line_height = lh;
    const int em = text::measure("\u3000", metrics, out.body);
    const int block_gap = lh / 3;
    int y = 0;
    int page = 0;
    // Puts a row of `h` on the current page, or the next one when it does not fit.
    auto place = [&](NoticeRow row, int h) {
        if (y > 0 && y + h > box.h) {
            ++page;
            y = 0;
        }
        row.page = page;
        row.y = y;
        row.height = h;
        y += h;
        out.rows.push_back(std::move(row));
    };
    const content::NoticeBlock* previous = nullptr;
    for (const auto& b : notice.blocks) {
        // Paragraphs follow each other as Chinese text is set (their first lines indented), and
        // so do the items of a list; anything else stands a little apart.
        bool run_on = previous != nullptr && previous->kind == b.kind &&
                      previous->quote_depth == b.quote_depth &&
                      (b.kind == NoticeBlockKind::Paragraph || b.kind == NoticeBlockKind::ListItem);
        if (previous != nullptr && !run_on && y > 0)
            y += block_gap;
        previous = &b;
        const int quote = std::min(b.quote_depth, kMaxIndentLevels);
        const int depth = std::min(b.list_depth, kMaxIndentLevels);
        int indent = quote * em * 3 / 2;
        if (b.kind == NoticeBlockKind::Rule) {
            NoticeRow r;
            r.rule = true;
            r.x = indent;
            r.quote_depth = quote;
            place(r, lh / 2);
            continue;
        }
        text::Style st = out.body;
        if (b.kind == NoticeBlockKind::Heading)
            st = {px * 115 / 100, true};
        int marker_x = indent;
        if (b.kind == NoticeBlockKind::ListItem) {
            marker_x = indent + std::max(0, depth - 1) * em * 2;
            indent = marker_x + em * 2;
        }
        std::vector<text::Run> runs;
        if (b.kind == NoticeBlockKind::Paragraph && !centered)
            runs.push_back({"\u3000\u3000", st, kPlainText});
        for (const auto& r : b.runs)
            runs.push_back(
                {r.text, {st.px, st.bold || r.strong}, r.emphasis ? kEmphasisText : kPlainText});
        const int width = std::max(em, box.w - indent);
        const int row_h = b.kind == NoticeBlockKind::Heading ? metrics.line_height(st) * 3 / 2 : lh;
        bool first_line = true;
        for (auto& line : text::break_runs(runs, width, metrics)) {
            NoticeRow r;
            r.x = centered && b.kind != NoticeBlockKind::ListItem
                      ? indent + std::max(0, (width - line.width) / 2)
                      : indent;
            r.width = line.width;
            r.pieces = std::move(line.pieces);
            r.quote_depth = quote;
            if (first_line && !b.marker.empty()) {
                r.marker = b.marker;
                r.marker_x = marker_x;
            }
            first_line = false;
            place(std::move(r), row_h);
        }
    }
    out.pages = page + 1;
    return out;
}

} // namespace

NoticeLayout lay_out_notice(const content::Notice& notice, Size box, const Layout& layout,
                            const text::Metrics& metrics, const NoticeSizes& sizes) {
    const int step = std::max(1, sizes.step_ref);
    for (int ref = sizes.largest_ref; ref > sizes.smallest_ref; ref -= step) {
        NoticeLayout at = at_size(notice, box, metrics, layout.px(ref), sizes.centered);
        if (at.fits_one_page())
            return at;
    }
    // Too long for one page even at the smallest readable size: pages, never smaller text.
    return at_size(notice, box, metrics, layout.px(sizes.smallest_ref), sizes.centered);
}

const NoticeLayout* NoticeCache::find(const content::Notice* notice, Size box) const {
    auto it = m_layouts.find({notice, box.w, box.h});
    return it != m_layouts.end() ? &it->second : nullptr;
}

const NoticeLayout& NoticeCache::put(const content::Notice* notice, Size box, NoticeLayout layout) {
    if (m_layouts.size() >= 64) // A few screens' worth: the notices of a bundle at a size or two.
        m_layouts.clear();
    return m_layouts.insert_or_assign({notice, box.w, box.h}, std::move(layout)).first->second;
}

} // namespace kiosk::ui

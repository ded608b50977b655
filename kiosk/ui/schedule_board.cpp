// The schedule board: today's events, the running one highlighted and the next one marked. The
// title and place columns share the width by their content, and a cell too long for its column
// wraps to a second line before anything is cut.
#include "kiosk/ui/slide_parts.hpp"

#include <algorithm>

namespace kiosk::ui {
namespace {

using content::Slide;
using text::Style;

std::string time_range(const content::Event& e, std::chrono::minutes off) {
    return format_hhmm(e.start, off) + "–" + format_hhmm(e.end, off);
}

// The widths of the title and place columns out of `rest`: each its content's width when both fit;
// else shared in proportion to their content, the place taking a quarter to a half.
std::pair<int, int> share_columns(int title_need, int place_need, int rest) {
    if (place_need == 0)
        return {rest, 0};
    if (title_need + place_need <= rest)
        return {rest - place_need, place_need};
    long total = std::max(1L, static_cast<long>(title_need) + place_need);
    int place = static_cast<int>(static_cast<long>(rest) * place_need / total);
    place = std::clamp(place, rest / 4, rest / 2);
    return {rest - place, place};
}

// `s` broken into at most `max_lines` lines of `w` (the last one cut if it must be).
std::vector<std::string> wrap(const PaintContext& c, const std::string& s, Style st, int w,
                              std::size_t max_lines) {
    std::vector<std::string> out;
    auto lines = text::break_lines(s, w, c.metrics, st, max_lines);
    for (std::size_t i = 0; i < lines.size() && i < max_lines; ++i)
        out.push_back(lines[i].text);
    if (lines.size() > max_lines && !out.empty()) {
        std::size_t at = 0;
        for (std::size_t i = 0; i + 1 < max_lines; ++i)
            at += lines[i].text.size();
        at = s.find(lines[max_lines - 1].text, at > 0 ? at - 1 : 0);
        out.back() =
            text::ellipsize(at == std::string::npos ? out.back() : s.substr(at), w, c.metrics, st);
    }
    return out;
}

} // namespace

void fit_cell(Canvas& cv, const PaintContext& c, const std::string& s, Style st, Rect box,
              Color color) {
    const text::Metrics& m = c.metrics;
    if (text::fits(s, box.w, m, st)) {
        cv.text(s, st, box.x, box.y + (box.h - m.line_height(st)) / 2, color);
        return;
    }
    // Two lines at a size at which two fit the box's height, shrunk to three quarters of that
    // at most; only then is the second line cut.
    Style two = st;
    while (two.px > 1 && 2 * m.line_height(two) > box.h)
        --two.px;
    const int least = std::max(1, two.px * 3 / 4);
    std::vector<text::Line> lines = text::break_lines(s, box.w, m, two, 2);
    while (lines.size() > 2 && two.px > least) {
        two.px = std::max(least, two.px * 19 / 20);
        lines = text::break_lines(s, box.w, m, two, 2);
    }
    const int lh = m.line_height(two);
    const int top = box.y + (box.h - 2 * lh) / 2;
    if (lines.size() == 1) { // A single cluster wider than the column.
        cv.text(text::ellipsize(s, box.w, m, two), two, box.x, top + lh / 2, color);
        return;
    }
    cv.text(lines[0].text, two, box.x, top, color);
    std::string rest = lines[1].text;
    // What is left after the first line, as one line: cut only when it does not fit.
    std::size_t used = lines[0].text.size();
    std::size_t at = s.find(lines[1].text, used > 0 ? used - 1 : 0);
    if (lines.size() > 2 && at != std::string::npos)
        rest = s.substr(at);
    cv.text(text::ellipsize(rest, box.w, m, two), two, box.x, top + lh, color);
}

namespace {

// The columns and type of a day's rows.
struct Grid {
    int x0{};
    int inner_w{};
    int time_w{};
    int badge_w{};
    int gap{};
    int title_w{}; // Portrait: the width of the title and the place under it.
    int place_w{}; // Landscape only.
    Style row;
    Style row_bold;
    Style small;
};

// The title and the place under it on a portrait board, each up to two lines.
std::pair<std::vector<std::string>, std::vector<std::string>>
portrait_lines(const PaintContext& c, const Grid& g, const content::Event& e) {
    return {wrap(c, e.title, g.row_bold, g.title_w, 2),
            e.place.empty() ? std::vector<std::string>{} : wrap(c, e.place, g.small, g.title_w, 2)};
}

// One event's row, `h` high from `y`: its time, a running or next badge, the title and place.
void draw_row(Canvas& cv, const PaintContext& c, const Grid& g, const content::DayEntry& entry,
              int y, int h, bool first_row) {
    const auto& m = c.bundle.manifest;
    const auto& theme = m.theme;
    const Layout& l = c.layout;
    const auto& e = *entry.event;
    const int cell_h = h - l.px(8);
    Color fg = theme.panel_text;
    if (entry.state == content::EventState::Running)
        cv.fill({g.x0 - l.px(16), y, g.inner_w + l.px(32), cell_h}, theme.accent);
    else if (entry.state == content::EventState::Past)
        fg = kMuted;
    if (!first_row)
        cv.fill({g.x0, y - l.px(4), g.inner_w, std::max(1, l.px(1))}, Color{0xDD, 0xDD, 0xDD, 255});
    const int lh = c.metrics.line_height(g.row);
    int line_y = y + (cell_h - lh) / 2;
    if (l.portrait && !e.place.empty())
        line_y = y + l.px(6);
    cv.text(time_range(e, m.utc_offset) + (e.invented ? "*" : ""), g.row_bold, g.x0, line_y, fg);
    const int bx = g.x0 + g.time_w;
    if (entry.state == content::EventState::Running)
        badge(cv, c, "进行中", bx, line_y + l.px(2), lh - l.px(4), theme.primary, theme.text);
    else if (entry.state == content::EventState::Next)
        badge(cv, c, "下一项", bx, line_y + l.px(2), lh - l.px(4), theme.panel_text, theme.panel);
    const int title_x = bx + g.badge_w;
    Style title_st = entry.state == content::EventState::Running ? g.row_bold : g.row;
    if (l.portrait) {
        auto [title, place] = portrait_lines(c, g, e);
        int ty = line_y;
        for (const auto& t : title) {
            cv.text(t, title_st, title_x, ty, fg);
            ty += lh;
        }
        const Color place_color =
            entry.state == content::EventState::Past ? kMuted : Color{0x55, 0x55, 0x55, 255};
        for (const auto& p : place) {
            cv.text(p, g.small, title_x, ty, place_color);
            ty += c.metrics.line_height(g.small);
        }
        return;
    }
    fit_cell(cv, c, e.title, title_st, {title_x, y, g.title_w - g.gap, cell_h}, fg);
    if (!e.place.empty())
        fit_cell(cv, c, e.place, g.row, {title_x + g.title_w, y, g.place_w - g.gap, cell_h}, fg);
}

} // namespace

void paint_schedule(Canvas& cv, const Slide& s, const PaintContext& c) {
    const auto& m = c.bundle.manifest;
    const auto& theme = m.theme;
    const Layout& l = c.layout;
    Rect panel = paint_panel(cv, c);
    int pad = l.px(48);
    auto it = c.bundle.timetables.find(s.data);
    const content::Timetable empty;
    const content::Timetable& tt = it != c.bundle.timetables.end() ? it->second : empty;
    auto view = content::day_view(tt, c.now, m.utc_offset);

    int y =
        panel_title(cv, c, panel, "今日活动 · " + format_chinese_date(c.now, m.utc_offset), pad);
    Grid g;
    g.x0 = panel.x + pad;
    g.inner_w = panel.w - 2 * pad;
    g.row = {l.px(l.portrait ? 32 : 34), false};
    g.row_bold = {g.row.px, true};
    g.small = {l.px(24), false};
    g.time_w = width_of(c, "00:00–00:00*", g.row_bold) + l.px(32);
    g.badge_w = l.px(130);
    g.gap = l.px(16);
    g.title_w = g.inner_w - g.time_w - g.badge_w;
    const int row_h = l.px(l.portrait ? 96 : 84);
    const int foot_h = l.px(48);
    const int avail = panel.y + panel.h - pad - foot_h - y;

    if (view.entries.empty()) {
        cv.text("今日暂无活动安排", Style{l.px(40), true}, g.x0, y + l.px(20), theme.panel_text);
        if (view.next_later != nullptr) {
            const auto* e = view.next_later;
            std::string line = "下一项：" + format_chinese_date(e->start, m.utc_offset) + " " +
                               time_range(*e, m.utc_offset) + "  " + e->title;
            text_fit(cv, c, line, g.row, g.x0, y + l.px(100), g.inner_w, theme.panel_text);
        }
        return;
    }

    // A portrait row is as tall as its title and the place under it need.
    auto height_of = [&](std::size_t i) {
        if (!l.portrait)
            return row_h;
        auto [title, place] = portrait_lines(c, g, *view.entries[i].event);
        int need = static_cast<int>(title.size()) * c.metrics.line_height(g.row) +
                   static_cast<int>(place.size()) * c.metrics.line_height(g.small) + l.px(28);
        return std::max(row_h, need);
    };
    // Show a window of rows that keeps the running and next events on screen.
    std::size_t first = 0;
    for (std::size_t i = 0; i < view.entries.size(); ++i) {
        if (view.entries[i].state != content::EventState::Past) {
            first = i > 0 ? i - 1 : 0;
            break;
        }
        first = i;
    }
    auto rows_from = [&](std::size_t from) {
        std::size_t end = from;
        for (int used = 0; end < view.entries.size(); ++end) {
            used += height_of(end);
            if (used > avail && end > from)
                break;
        }
        return end;
    };
    // Rows from the end back to fill the board when the running ones are near the end.
    while (first > 0 && rows_from(first - 1) == view.entries.size())
        --first;
    const std::size_t last = rows_from(first);

    // Landscape: title and place side by side, sharing what the time and badge leave by what
    // today's rows need (titles measured bold, as the running one is drawn).
    if (!l.portrait) {
        int title_need = 0;
        int place_need = 0;
        for (std::size_t i = first; i < last; ++i) {
            const auto& e = *view.entries[i].event;
            title_need = std::max(
                title_need, text::measure_up_to(e.title, g.title_w, c.metrics, g.row_bold) + g.gap);
            if (!e.place.empty())
                place_need = std::max(
                    place_need, text::measure_up_to(e.place, g.title_w, c.metrics, g.row) + g.gap);
        }
        std::tie(g.title_w, g.place_w) = share_columns(title_need, place_need, g.title_w);
    }
    bool any_invented = false;
    int ry = y;
    for (std::size_t i = first; i < last; ry += height_of(i), ++i) {
        draw_row(cv, c, g, view.entries[i], ry, height_of(i), i == first);
        any_invented = any_invented || view.entries[i].event->invented;
    }
    int fy = panel.y + panel.h - pad - foot_h + l.px(12);
    std::string foot = "现在 " + format_hhmm(c.now, m.utc_offset);
    if (view.next_later != nullptr)
        foot += "  ·  今日活动已全部结束，下一项：" +
                format_chinese_date(view.next_later->start, m.utc_offset) + " " +
                format_hhmm(view.next_later->start, m.utc_offset) + " " + view.next_later->title;
    if (any_invented)
        foot += "  ·  * 时间、地点为示例安排，以现场通知为准";
    text_fit(cv, c, foot, g.small, g.x0, fy, g.inner_w, Color{0x66, 0x66, 0x66, 255});
}

} // namespace kiosk::ui

// Greedy line filling over ICU's break opportunities, cluster by cluster.
#include "kiosk/text/line_break.hpp"

#include "kiosk/text/segment.hpp"
#include "kiosk/text/utf8.hpp"

#include <algorithm>

namespace kiosk::text {
namespace {

int advance_of(const Segments& s, std::size_t i, const Metrics& metrics, Style style) {
    std::string_view c = s.cluster(i);
    return is_newline(c) ? 0 : metrics.advance(c, style);
}

// How many clusters a text `width` pixels wide can hold at most: every drawn cluster is at least
// a pixel wide; the margin is for a run of clusters that draw nothing.
std::size_t clusters_for(int width) {
    return static_cast<std::size_t>(std::max(0, width)) + 256;
}

} // namespace

int measure(std::string_view utf8, const Metrics& metrics, Style style) {
    Segments s = segment(utf8);
    int w = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        w += advance_of(s, i, metrics, style);
    return w;
}

std::vector<RichLine> break_runs(const std::vector<Run>& given, int max_width,
                                 const Metrics& metrics, std::size_t max_lines) {
    // Neighbouring runs of one style are one piece of a line.
    std::vector<Run> runs;
    for (const auto& r : given) {
        if (!runs.empty() && runs.back().style == r.style && runs.back().tag == r.tag)
            runs.back().text += r.text;
        else if (!r.text.empty())
            runs.push_back(r);
    }
    std::string all;
    std::vector<std::size_t> run_end; // Byte where each run ends in `all`.
    for (const auto& r : runs) {
        all += r.text;
        run_end.push_back(all.size());
    }
    // Sanitising never changes valid text, and the runs' text is cut on character bounds: run
    // boundaries are found again by position in the sanitised text only when it was valid.
    const std::size_t most = static_cast<std::size_t>(-1);
    Segments s = segment(
        all, WithBreaks::Yes,
        max_lines == most || max_lines > 64 ? most : (max_lines + 1) * clusters_for(max_width));
    const bool same_bytes = valid_utf8(all); // Sanitising changed nothing.
    const std::size_t n = s.size();
    std::vector<std::size_t> run_of(n, 0); // The run of each cluster (that of its first byte).
    std::vector<int> adv(n);
    for (std::size_t i = 0, r = 0; i < n; ++i) {
        while (same_bytes && r + 1 < runs.size() && s.bounds[i] >= run_end[r])
            ++r;
        run_of[i] = r;
        std::string_view c = s.cluster(i);
        adv[i] = runs.empty() || is_newline(c) ? 0 : metrics.advance(c, runs[r].style);
    }

    std::vector<RichLine> lines;
    // Clusters [begin, end) as a line, without the spaces and the newline it ends with.
    auto emit = [&](std::size_t begin, std::size_t end) {
        while (end > begin && (is_space(s.cluster(end - 1)) || is_newline(s.cluster(end - 1))))
            --end;
        RichLine line;
        for (std::size_t i = begin; i < end; ++i) {
            if (line.pieces.empty() || run_of[i] != run_of[i - 1]) {
                const Run& r = runs[run_of[i]];
                line.pieces.push_back({"", r.style, r.tag, line.width, 0});
            }
            line.pieces.back().text += s.cluster(i);
            line.pieces.back().width += adv[i];
            line.width += adv[i];
        }
        lines.push_back(std::move(line));
    };

    std::size_t start = 0;
    std::size_t last_break = 0; // A break is allowed before cluster last_break; 0: none yet.
    int width = 0;
    for (std::size_t i = 0; i < n && lines.size() <= max_lines; ++i) {
        if (width + adv[i] > max_width && !is_space(s.cluster(i)) && i > start) {
            std::size_t cut = last_break > start ? last_break : i;
            emit(start, cut);
            start = cut;
            while (start < i && is_space(s.cluster(start)))
                ++start;
            last_break = 0;
            width = 0;
            for (std::size_t k = start; k < i; ++k)
                width += adv[k];
        }
        width += adv[i];
        if (s.breaks[i] == Break::Mandatory) {
            emit(start, i + 1);
            start = i + 1;
            last_break = 0;
            width = 0;
        } else if (s.breaks[i] == Break::Allowed) {
            last_break = i + 1;
        }
    }
    if ((start < n || lines.empty()) && lines.size() <= max_lines)
        emit(start, n);
    return lines;
}

std::vector<Line> break_lines(std::string_view utf8, int max_width, const Metrics& metrics,
                              Style style, std::size_t max_lines) {
    std::vector<Line> out;
    for (auto& rich :
         break_runs({Run{std::string(utf8), style, 0}}, max_width, metrics, max_lines)) {
        Line line;
        line.width = rich.width;
        for (auto& p : rich.pieces)
            line.text += p.text;
        out.push_back(std::move(line));
    }
    return out;
}

int measure_up_to(std::string_view utf8, int limit, const Metrics& metrics, Style style) {
    Segments s = segment(utf8, WithBreaks::No, clusters_for(limit));
    int w = 0;
    for (std::size_t i = 0; i < s.size() && w <= limit; ++i)
        w += advance_of(s, i, metrics, style);
    return s.truncated ? std::max(w, limit + 1) : w;
}

bool fits(std::string_view utf8, int max_width, const Metrics& metrics, Style style) {
    return measure_up_to(utf8, max_width, metrics, style) <= max_width;
}

std::string ellipsize(std::string_view utf8, int max_width, const Metrics& metrics, Style style) {
    // Only as much of the text is read as can be shown.
    Segments s = segment(utf8, WithBreaks::No, clusters_for(max_width));
    int total = 0;
    for (std::size_t i = 0; i < s.size() && total <= max_width; ++i)
        total += advance_of(s, i, metrics, style);
    if (total <= max_width && !s.truncated)
        return s.text;
    int budget = max_width - metrics.advance("…", style);
    std::size_t n = 0;
    int w = 0;
    while (n < s.size() && w + advance_of(s, n, metrics, style) <= budget)
        w += advance_of(s, n++, metrics, style);
    return s.text.substr(0, s.bounds[n]) + "…";
}

} // namespace kiosk::text

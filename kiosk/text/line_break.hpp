// Breaking text into lines that fit a width, by the Unicode line-breaking rules (UAX #14), which
// already forbid a line to start with ，。、；：？！）」 or end with （「. Text is measured and cut
// by grapheme clusters, never inside one: a flag or an emoji sequence stays whole.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::text {

struct Style {
    int px{32};
    bool bold{false};
    friend bool operator==(const Style&, const Style&) = default;
};

// What layout needs to know of a font. The implementation over real fonts lives in media; tests
// use a fake.
class Metrics {
public:
    virtual ~Metrics() = default;
    // Horizontal advance of one grapheme cluster (valid UTF-8) in pixels, as drawn. Kerning is
    // off, so a line is the sum of its clusters.
    virtual int advance(std::string_view cluster, Style style) const = 0;
    // Distance from one baseline to the next.
    virtual int line_height(Style style) const = 0;
};

struct Line {
    std::string text; // UTF-8, without the trailing spaces or the newline at the break.
    int width{};
};

int measure(std::string_view utf8, const Metrics& metrics, Style style);
// The width of `utf8`, or a number above `limit` as soon as it is known to be wider: only as much
// of a long text is read as can fit. fits() is measure_up_to(…) <= max_width.
int measure_up_to(std::string_view utf8, int limit, const Metrics& metrics, Style style);
bool fits(std::string_view utf8, int max_width, const Metrics& metrics, Style style);

// A stretch of text in one style; `tag` is the caller's (a colour, say).
struct Run {
    std::string text;
    Style style;
    int tag{0};
};
// Part of a laid-out line in one style, `x` pixels from the line's start.
struct Piece {
    std::string text;
    Style style;
    int tag{0};
    int x{};
    int width{};
};
struct RichLine {
    std::vector<Piece> pieces;
    int width{};
};

// Lines of at most `max_width` pixels from runs of several styles, broken as one text (a bold
// word and the plain text around it follow the same rules as plain text).
// With `max_lines`, only that many lines and the start of the next one (whose presence says there
// is more) are made, and only as much of the text is read as they can hold.
std::vector<RichLine> break_runs(const std::vector<Run>& runs, int max_width,
                                 const Metrics& metrics,
                                 std::size_t max_lines = static_cast<std::size_t>(-1));

// Lines of at most `max_width` pixels. A newline (LF, CR LF, U+2028, U+2029, …) is a forced break.
// A word wider than the line (a long URL) is cut between clusters where it must be, so the result
// never overflows unless one cluster alone is wider than the line.
std::vector<Line> break_lines(std::string_view utf8, int max_width, const Metrics& metrics,
                              Style style, std::size_t max_lines = static_cast<std::size_t>(-1));

// `utf8` if it fits, else as much as fits followed by `…` (cut between clusters).
std::string ellipsize(std::string_view utf8, int max_width, const Metrics& metrics, Style style);

} // namespace kiosk::text

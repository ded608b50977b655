// Breaking text into lines that fit a width, by the Unicode line-breaking rules (UAX #14), which
// already forbid a line to start with ，。、；：？！）」 or end with （「.
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

// What layout needs to know of a font. The SDL_ttf implementation lives in media; tests use a fake.
class Metrics {
public:
    virtual ~Metrics() = default;
    // Horizontal advance of one character in pixels. Kerning is off, so a line is the sum.
    virtual int advance(char32_t cp, Style style) const = 0;
    // Distance from one baseline to the next.
    virtual int line_height(Style style) const = 0;
};

struct Line {
    std::string text; // UTF-8, without the trailing spaces or the newline at the break.
    int width{};
};

int measure(std::string_view utf8, const Metrics& metrics, Style style);

// Lines of at most `max_width` pixels. `\n` is a forced break. A word wider than the line (a long
// URL) is cut where it must be, so the result never overflows.
std::vector<Line> break_lines(std::string_view utf8, int max_width, const Metrics& metrics,
                              Style style);

// `utf8` if it fits, else as much as fits followed by `…`.
std::string ellipsize(std::string_view utf8, int max_width, const Metrics& metrics, Style style);

} // namespace kiosk::text

// Text cut into grapheme clusters (what a reader sees as one character: a flag, an emoji with its
// skin tone, a family joined by ZWJ, a letter with its accents) and the places a line may or must
// break between them, by ICU's implementation of UAX #29 and UAX #14.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::text {

enum class Break : std::uint8_t { None, Allowed, Mandatory };

struct Segments {
    std::string text; // The input as valid UTF-8 (ill-formed bytes replaced by U+FFFD).
    // Cluster i is text[bounds[i], bounds[i + 1]); bounds.front() is 0, bounds.back() the size.
    std::vector<std::uint32_t> bounds;
    // Whether a line may break after cluster i. Empty unless asked for.
    std::vector<Break> breaks;
    // Only the first clusters were asked for, and the text goes on after them.
    bool truncated{false};

    std::size_t size() const { return bounds.empty() ? 0 : bounds.size() - 1; }
    std::string_view cluster(std::size_t i) const {
        return std::string_view(text).substr(bounds[i], bounds[i + 1] - bounds[i]);
    }
};

enum class WithBreaks : bool { No, Yes };

// At most `max_clusters` clusters: what only needs the start of a long text (whether it fits a
// width, the lines of a two-line cell) does not segment all of it.
Segments segment(std::string_view utf8, WithBreaks with_breaks = WithBreaks::No,
                 std::size_t max_clusters = static_cast<std::size_t>(-1));

// A cluster that ends a line: LF, CR, CR LF, NEL, LS, PS, VT, FF.
bool is_newline(std::string_view cluster);
// A cluster of white space that may hang at the end of a line (space, tab, ideographic space).
bool is_space(std::string_view cluster);

// A character never drawn on its own: a control, a format character (ZWJ, a bidi control, a BOM
// inside text), a variation selector or another default-ignorable code point.
bool is_ignorable(char32_t cp);
// Whether a cluster asks for an emoji picture rather than a text symbol: a character shown as
// emoji by default, or one with VS16 (U+FE0F), a flag, a keycap, a skin tone or a ZWJ sequence.
bool wants_emoji(std::string_view cluster);

} // namespace kiosk::text

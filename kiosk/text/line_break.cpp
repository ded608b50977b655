// Greedy line filling over libunibreak's break opportunities.
#include "kiosk/text/line_break.hpp"

#include "kiosk/text/utf8.hpp"

#include <linebreak.h>

#include <mutex>

namespace kiosk::text {
namespace {

bool is_space(char32_t cp) {
    return cp == U' ' || cp == U'\t' || cp == 0x3000;
}

// Per character: may the line break after it (1), must it (2), or not (0).
std::vector<char> break_opportunities(std::string_view utf8, std::size_t count) {
    static std::once_flag once;
    std::call_once(once, [] { init_linebreak(); });
    std::vector<char> by_byte(utf8.size());
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(utf8.data()), utf8.size(), "zh",
                        by_byte.data());
    std::vector<char> by_char;
    by_char.reserve(count);
    for (char b : by_byte) {
        if (b == LINEBREAK_INSIDEACHAR)
            continue;
        by_char.push_back(b == LINEBREAK_MUSTBREAK ? 2 : b == LINEBREAK_ALLOWBREAK ? 1 : 0);
    }
    by_char.resize(count, 0);
    return by_char;
}

} // namespace

int measure(std::string_view utf8, const Metrics& metrics, Style style) {
    int w = 0;
    for (char32_t cp : decode_utf8(utf8))
        w += metrics.advance(cp, style);
    return w;
}

std::vector<Line> break_lines(std::string_view utf8, int max_width, const Metrics& metrics,
                              Style style) {
    // Re-encode so the byte positions libunibreak sees match our decoded characters exactly.
    std::u32string chars = decode_utf8(utf8);
    std::string clean = encode_utf8(chars);
    std::vector<char> brk = break_opportunities(clean, chars.size());

    std::vector<Line> lines;
    auto emit = [&](std::size_t begin, std::size_t end) {
        while (end > begin && (is_space(chars[end - 1]) || chars[end - 1] == U'\n'))
            --end;
        Line line;
        line.text = encode_utf8(std::u32string_view(chars).substr(begin, end - begin));
        for (std::size_t i = begin; i < end; ++i)
            line.width += metrics.advance(chars[i], style);
        lines.push_back(std::move(line));
    };

    std::size_t start = 0;
    std::size_t last_break = 0; // Break allowed after chars[last_break - 1]; 0 means none yet.
    int width = 0;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        char32_t cp = chars[i];
        if (cp == U'\n') {
            emit(start, i);
            start = i + 1;
            last_break = 0;
            width = 0;
            continue;
        }
        int adv = metrics.advance(cp, style);
        if (width + adv > max_width && !is_space(cp) && i > start) {
            std::size_t cut = last_break > start ? last_break : i;
            emit(start, cut);
            start = cut;
            while (start < chars.size() && is_space(chars[start]) && start <= i)
                ++start;
            last_break = 0;
            width = 0;
            for (std::size_t k = start; k < i; ++k)
                width += metrics.advance(chars[k], style);
        }
        width += adv;
        if (brk[i] == 1)
            last_break = i + 1;
    }
    if (start < chars.size() || lines.empty())
        emit(start, chars.size());
    return lines;
}

std::string ellipsize(std::string_view utf8, int max_width, const Metrics& metrics, Style style) {
    std::u32string chars = decode_utf8(utf8);
    int total = 0;
    for (char32_t cp : chars)
        total += metrics.advance(cp, style);
    if (total <= max_width)
        return std::string(utf8);
    int budget = max_width - metrics.advance(U'…', style);
    std::size_t n = 0;
    int w = 0;
    while (n < chars.size() && w + metrics.advance(chars[n], style) <= budget)
        w += metrics.advance(chars[n++], style);
    return encode_utf8(std::u32string_view(chars).substr(0, n)) + "…";
}

} // namespace kiosk::text

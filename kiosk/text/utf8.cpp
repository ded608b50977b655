// UTF-8 through ICU's macros (unicode/utf8.h), which implement the standard's replacement rule.
#include "kiosk/text/utf8.hpp"

#include <unicode/utf8.h>

#include <cstdint>

namespace kiosk::text {
namespace {

// Calls `f(cp)` for each character; each ill-formed subsequence comes as one U+FFFD.
template <typename F> void for_each_char(std::string_view s, F&& f) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto n = static_cast<std::int64_t>(s.size());
    std::int64_t i = 0;
    while (i < n) {
        UChar32 c = 0;
        U8_NEXT_OR_FFFD(p, i, n, c);
        f(static_cast<char32_t>(c));
    }
}

} // namespace

std::u32string decode_utf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for_each_char(s, [&](char32_t cp) { out.push_back(cp); });
    return out;
}

bool valid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto n = static_cast<std::int64_t>(s.size());
    std::int64_t i = 0;
    while (i < n) {
        UChar32 c = 0;
        U8_NEXT(p, i, n, c);
        if (c < 0)
            return false;
    }
    return true;
}

std::string sanitize_utf8(std::string_view s) {
    if (valid_utf8(s))
        return std::string(s);
    std::string out;
    out.reserve(s.size() + 8);
    for_each_char(s, [&](char32_t cp) { append_utf8(out, cp); });
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char32_t cp : text)
        append_utf8(out, cp);
    return out;
}

} // namespace kiosk::text

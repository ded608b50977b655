// ICU's break iterators over the UTF-8 text as it is (UText), one of each per thread.
#include "kiosk/text/segment.hpp"

#include "kiosk/text/utf8.hpp"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <memory>

namespace kiosk::text {
namespace {

struct IteratorCloser {
    void operator()(UBreakIterator* b) const { ubrk_close(b); }
};
using IteratorPtr = std::unique_ptr<UBreakIterator, IteratorCloser>;

struct TextCloser {
    void operator()(UText* t) const { utext_close(t); }
};
using TextPtr = std::unique_ptr<UText, TextCloser>;

// ICU's iterators are not shared between threads; opening one reads its rules from ICU's data
// (a few milliseconds the first time), so each thread keeps its own and points it at new text.
UBreakIterator* iterator(UBreakIteratorType type) {
    thread_local IteratorPtr characters;
    thread_local IteratorPtr lines;
    IteratorPtr& slot = type == UBRK_LINE ? lines : characters;
    if (!slot) {
        UErrorCode status = U_ZERO_ERROR;
        slot.reset(ubrk_open(type, "zh", nullptr, 0, &status));
        if (U_FAILURE(status))
            slot.reset();
    }
    return slot.get();
}

// Boundaries of `type` over `text`, with the rule status of each (for line breaks: soft or hard).
// Without ICU's data (a broken installation) every character is its own cluster and a line may
// break anywhere: text is still drawn, only less well.
template <typename F> void boundaries(const std::string& text, UBreakIteratorType type, F&& f) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator* it = iterator(type);
    TextPtr ut(
        utext_openUTF8(nullptr, text.data(), static_cast<std::int64_t>(text.size()), &status));
    if (it != nullptr && U_SUCCESS(status))
        ubrk_setUText(it, ut.get(), &status);
    if (it == nullptr || U_FAILURE(status)) {
        for (std::size_t i = 1; i <= text.size(); ++i)
            if ((i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) &&
                !f(static_cast<std::uint32_t>(i), 0))
                return;
        return;
    }
    ubrk_first(it);
    for (std::int32_t p = ubrk_next(it); p != UBRK_DONE; p = ubrk_next(it))
        if (!f(static_cast<std::uint32_t>(p), ubrk_getRuleStatus(it)))
            break;
    // The iterator keeps a shallow copy of the UText, which points into `text`: leave it on
    // empty text instead.
    static const UChar kEmpty[1] = {0};
    ubrk_setText(it, kEmpty, 0, &status);
}

} // namespace

Segments segment(std::string_view utf8, WithBreaks with_breaks, std::size_t max_clusters) {
    Segments s;
    s.text = sanitize_utf8(utf8);
    s.bounds.push_back(0);
    if (s.text.empty())
        return s;
    boundaries(s.text, UBRK_CHARACTER, [&](std::uint32_t p, int) {
        s.bounds.push_back(p);
        return s.size() < max_clusters;
    });
    if (s.bounds.back() < s.text.size()) {
        s.truncated = true;
        s.text.resize(s.bounds.back());
    }
    if (with_breaks == WithBreaks::No)
        return s;
    s.breaks.assign(s.size(), Break::None);
    std::size_t cluster = 0; // The cluster that ends at or after the boundary.
    boundaries(s.text, UBRK_LINE, [&](std::uint32_t p, int status) -> bool {
        while (cluster < s.size() && s.bounds[cluster + 1] < p)
            ++cluster;
        // A line break inside a cluster (which UAX #14 does not make for well-formed text) is
        // ignored: a cluster is never split.
        if (cluster < s.size() && s.bounds[cluster + 1] == p)
            s.breaks[cluster] = status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT
                                    ? Break::Mandatory
                                    : Break::Allowed;
        return true;
    });
    // The end of a prefix is not the end of the text: no break is known there.
    if (s.truncated && !s.breaks.empty())
        s.breaks.back() = Break::None;
    return s;
}

bool is_newline(std::string_view c) {
    return c == "\n" || c == "\r" || c == "\r\n" || c == "\v" || c == "\f" || c == "\u0085" ||
           c == "\u2028" || c == "\u2029";
}

bool is_space(std::string_view c) {
    return c == " " || c == "\t" || c == "\u3000";
}

bool is_ignorable(char32_t cp) {
    auto c = static_cast<UChar32>(cp);
    return u_charType(c) == U_CONTROL_CHAR ||
           u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

bool wants_emoji(std::string_view cluster) {
    if (cluster.find("\uFE0E") != std::string_view::npos) // Text presentation asked for.
        return false;
    std::u32string cps = decode_utf8(cluster);
    bool pictographic = false;
    for (char32_t cp : cps) {
        auto c = static_cast<UChar32>(cp);
        if (cp == 0xFE0F || cp == 0x20E3 || u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION) ||
            u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR) ||
            u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER))
            return true;
        pictographic = pictographic || u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC);
    }
    return pictographic && cluster.find("\u200D") != std::string_view::npos;
}

} // namespace kiosk::text

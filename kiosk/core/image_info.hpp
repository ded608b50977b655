// An image's format and size read from its first bytes, without decoding it: to check what a file
// really is (not what its name says) and how big it will be before anything allocates for it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// The most pixels a JPEG, PNG or WebP may have: 50 million (a 4K poster is 8.3 million). The
// player checks it from the header before decoding, so a small file claiming 30000x30000 cannot
// take gigabytes; kiosk-pack refuses such a poster before it is published.
inline constexpr std::uint64_t kMaxImagePixels = 50'000'000;

struct ImageInfo {
    std::string mime; // image/jpeg, image/png, image/webp, image/svg+xml
    int width{};      // 0 when the header does not say (an SVG without width or viewBox).
    int height{};
    bool complete{true}; // False for a JPEG without an end marker after its image data.
};

// An image file is read whole before it is decoded: a poster larger than this (a 4K poster is a few
// MiB) is refused, so the file and its pixels together stay within the memory limit.
inline constexpr std::size_t kMaxImageFileBytes = 64u << 20;

// An SVG is parsed whole before it is drawn: more than this would hold the decoder for seconds.
inline constexpr std::size_t kMaxSvgBytes = 8u << 20;
// Elements nested deeper than this are refused (the SVG parser keeps styles for 128 levels).
inline constexpr int kMaxSvgDepth = 64;

// Why an SVG must not be drawn, or nothing: larger than kMaxSvgBytes, declaring entities (which
// can name files outside it or multiply into gigabytes), or nested deeper than kMaxSvgDepth.
std::optional<std::string> svg_refusal(std::string_view bytes);

// Recognises JPEG, PNG, WebP and SVG by content. `bytes` is the file (a JPEG's size may come after
// its other headers, so give the whole file or at least its first 64 KiB).
std::optional<ImageInfo> read_image_info(std::string_view bytes);

} // namespace kiosk

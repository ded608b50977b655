// Header parsing for the four image formats the player accepts.
#include "kiosk/core/image_info.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

namespace kiosk {
namespace {

std::uint32_t be16(std::string_view b, std::size_t i) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(b[i])) << 8) |
           static_cast<unsigned char>(b[i + 1]);
}
std::uint32_t be32(std::string_view b, std::size_t i) {
    return (be16(b, i) << 16) | be16(b, i + 2);
}
std::uint32_t le16(std::string_view b, std::size_t i) {
    return static_cast<unsigned char>(b[i]) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[i + 1])) << 8);
}
std::uint32_t le24(std::string_view b, std::size_t i) {
    return le16(b, i) | (static_cast<std::uint32_t>(static_cast<unsigned char>(b[i + 2])) << 16);
}

std::optional<ImageInfo> jpeg(std::string_view b) {
    std::optional<ImageInfo> info;
    std::size_t i = 2;
    while (i + 9 < b.size()) {
        if (static_cast<unsigned char>(b[i]) != 0xFF)
            return info; // Damaged after the frame header, if there was one: not complete.
        auto marker = static_cast<unsigned char>(b[i + 1]);
        if (marker == 0xFF) {
            ++i;
            continue;
        }
        bool sof =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof && !info)
            info = ImageInfo{"image/jpeg", static_cast<int>(be16(b, i + 7)),
                             static_cast<int>(be16(b, i + 5)), false};
        if (marker == 0xDA && info) {
            // Entropy-coded data follows; the file is whole if its end marker comes after it
            // (a cut-short JPEG still decodes, grey from where it stops).
            info->complete = b.find("\xFF\xD9", i) != std::string_view::npos;
            return info;
        }
        if (marker == 0xD9 || marker == 0xDA)
            return std::nullopt; // Image data before any frame header.
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            i += 2;
            continue;
        }
        i += 2 + be16(b, i + 2);
    }
    return info; // Cut short before its image data, if a frame header was seen.
}

std::optional<ImageInfo> webp(std::string_view b) {
    if (b.size() < 30)
        return std::nullopt;
    auto chunk = b.substr(12, 4);
    if (chunk == "VP8 " && static_cast<unsigned char>(b[23]) == 0x9D &&
        static_cast<unsigned char>(b[24]) == 0x01 && static_cast<unsigned char>(b[25]) == 0x2A)
        return ImageInfo{"image/webp", static_cast<int>(le16(b, 26) & 0x3FFF),
                         static_cast<int>(le16(b, 28) & 0x3FFF)};
    if (chunk == "VP8L" && static_cast<unsigned char>(b[20]) == 0x2F) {
        std::uint32_t bits = le16(b, 21) | (le16(b, 23) << 16);
        return ImageInfo{"image/webp", static_cast<int>((bits & 0x3FFF) + 1),
                         static_cast<int>(((bits >> 14) & 0x3FFF) + 1)};
    }
    if (chunk == "VP8X")
        return ImageInfo{"image/webp", static_cast<int>(le24(b, 24) + 1),
                         static_cast<int>(le24(b, 27) + 1)};
    return std::nullopt;
}

// A size in pixels as an int: a length too large for one is the largest, so the pixel cap still
// refuses it (a plain cast would wrap to nonsense, or to 0, which means "not given").
int pixels(double d) {
    constexpr double max = std::numeric_limits<int>::max();
    return d >= max ? std::numeric_limits<int>::max() : static_cast<int>(std::lround(d));
}

// The number at the start of an SVG length ("1920", "1920px"); 0 for percentages and others.
double svg_length(std::string_view v) {
    std::string s(v);
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    std::string unit(end);
    if (!std::isfinite(d) || d <= 0 || !(unit.empty() || unit == "px"))
        return 0;
    return d;
}

std::optional<std::string_view> attribute(std::string_view tag, std::string_view name) {
    std::size_t pos = 0;
    while ((pos = tag.find(name, pos)) != std::string_view::npos) {
        bool boundary = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\n' ||
                                    tag[pos - 1] == '\t' || tag[pos - 1] == '\r');
        std::size_t eq = pos + name.size();
        while (eq < tag.size() && tag[eq] == ' ')
            ++eq;
        if (boundary && eq + 1 < tag.size() && tag[eq] == '=') {
            std::size_t q = eq + 1;
            while (q < tag.size() && tag[q] == ' ')
                ++q;
            if (q < tag.size() && (tag[q] == '"' || tag[q] == '\'')) {
                auto close = tag.find(tag[q], q + 1);
                if (close != std::string_view::npos)
                    return tag.substr(q + 1, close - q - 1);
            }
        }
        pos += name.size();
    }
    return std::nullopt;
}

std::optional<ImageInfo> svg(std::string_view b) {
    auto start = b.find("<svg");
    if (start == std::string_view::npos)
        return std::nullopt;
    auto end = b.find('>', start);
    if (end == std::string_view::npos)
        return std::nullopt;
    auto tag = b.substr(start, end - start);
    ImageInfo info{"image/svg+xml", 0, 0};
    auto w = attribute(tag, "width");
    auto h = attribute(tag, "height");
    if (w && h) {
        info.width = pixels(svg_length(*w));
        info.height = pixels(svg_length(*h));
    }
    if ((info.width == 0 || info.height == 0)) {
        if (auto vb = attribute(tag, "viewBox")) {
            std::string s(*vb);
            double x = 0, y = 0, vw = 0, vh = 0;
            if (std::sscanf(s.c_str(), "%lf%*[ ,]%lf%*[ ,]%lf%*[ ,]%lf", &x, &y, &vw, &vh) == 4 &&
                std::isfinite(vw) && std::isfinite(vh) && vw > 0 && vh > 0) {
                info.width = pixels(vw);
                info.height = pixels(vh);
            }
        }
    }
    return info;
}

} // namespace

std::optional<ImageInfo> read_image_info(std::string_view b) {
    if (b.size() >= 24 && b.substr(0, 8) == "\x89PNG\r\n\x1A\n" && b.substr(12, 4) == "IHDR") {
        // PNG allows at most 2^31 - 1 pixels a side; anything above is a broken header, not a size.
        constexpr std::uint32_t max = std::numeric_limits<int>::max();
        if (be32(b, 16) > max || be32(b, 20) > max)
            return std::nullopt;
        return ImageInfo{"image/png", static_cast<int>(be32(b, 16)), static_cast<int>(be32(b, 20))};
    }
    if (b.size() >= 4 && b.substr(0, 3) == "\xFF\xD8\xFF")
        return jpeg(b);
    if (b.size() >= 16 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP")
        return webp(b);
    std::size_t i = b.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < b.size() && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t'))
        ++i;
    auto rest = b.substr(i, 256);
    if (rest.starts_with("<?xml") || rest.starts_with("<svg") || rest.starts_with("<!--") ||
        rest.starts_with("<!DOCTYPE svg"))
        return svg(b.substr(0, 64 * 1024));
    return std::nullopt;
}

std::optional<std::string> svg_refusal(std::string_view b) {
    if (b.size() > kMaxSvgBytes)
        return "an SVG of " + std::to_string(b.size()) + " bytes is more than the limit of " +
               std::to_string(kMaxSvgBytes >> 20) + " MiB";
    if (b.find("<!ENTITY") != std::string_view::npos)
        return std::string("the SVG declares entities (<!ENTITY>), which are not allowed");
    int depth = 0;
    for (std::size_t i = b.find('<'); i != std::string_view::npos; i = b.find('<', i)) {
        if (b.substr(i, 4) == "<!--") {
            auto end = b.find("-->", i + 4);
            i = end == std::string_view::npos ? b.size() : end + 3;
            continue;
        }
        // The end of the tag, past quoted attribute values that may hold '>'.
        std::size_t j = i + 1;
        char quote = 0;
        for (; j < b.size() && (quote != 0 || b[j] != '>'); ++j)
            if (quote == 0 && (b[j] == '"' || b[j] == '\''))
                quote = b[j];
            else if (b[j] == quote)
                quote = 0;
        char kind = i + 1 < b.size() ? b[i + 1] : '\0';
        if (kind == '/')
            --depth;
        else if (kind != '!' && kind != '?' && !(j < b.size() && b[j - 1] == '/') &&
                 ++depth > kMaxSvgDepth)
            return "the SVG nests elements deeper than " + std::to_string(kMaxSvgDepth) + " levels";
        i = j;
    }
    return std::nullopt;
}

} // namespace kiosk

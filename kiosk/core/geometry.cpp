// Fit/cover placement and size parsing.
#include "kiosk/core/geometry.hpp"

#include <charconv>
#include <cmath>

namespace kiosk {

Placement place_image(Size image, Rect area, Fit fit) {
    Placement p;
    if (image.w <= 0 || image.h <= 0 || area.empty())
        return p;
    double sx = static_cast<double>(area.w) / image.w;
    double sy = static_cast<double>(area.h) / image.h;
    if (fit == Fit::Contain) {
        double s = std::min(sx, sy);
        int w = static_cast<int>(std::lround(image.w * s));
        int h = static_cast<int>(std::lround(image.h * s));
        p.src = {0, 0, static_cast<double>(image.w), static_cast<double>(image.h)};
        p.dst = {area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h};
    } else {
        double s = std::max(sx, sy);
        double w = area.w / s;
        double h = area.h / s;
        p.src = {(image.w - w) / 2, (image.h - h) / 2, w, h};
        p.dst = area;
    }
    return p;
}

std::optional<Size> parse_size(const std::string& text) {
    auto x = text.find('x');
    if (x == std::string::npos)
        return std::nullopt;
    Size s;
    auto* begin = text.data();
    auto* end = text.data() + text.size();
    auto r1 = std::from_chars(begin, begin + x, s.w);
    auto r2 = std::from_chars(begin + x + 1, end, s.h);
    if (r1.ec != std::errc{} || r1.ptr != begin + x || r2.ec != std::errc{} || r2.ptr != end)
        return std::nullopt;
    if (s.w <= 0 || s.h <= 0 || s.w > 8192 || s.h > 8192)
        return std::nullopt;
    return s;
}

} // namespace kiosk

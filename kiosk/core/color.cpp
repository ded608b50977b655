// Colour parsing and arithmetic.
#include "kiosk/core/color.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::uint8_t to_byte(double v) {
    return static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
}

} // namespace

std::optional<Color> parse_color(std::string_view s) {
    if (s.size() != 7 || s[0] != '#')
        return std::nullopt;
    std::uint8_t v[3];
    for (int i = 0; i < 3; ++i) {
        int hi = hex_digit(s[static_cast<std::size_t>(1 + 2 * i)]);
        int lo = hex_digit(s[static_cast<std::size_t>(2 + 2 * i)]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        v[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return Color{v[0], v[1], v[2], 255};
}

Color with_alpha(Color c, double alpha) {
    c.a = to_byte(c.a * std::clamp(alpha, 0.0, 1.0));
    return c;
}

Color mix(Color a, Color b, double t) {
    t = std::clamp(t, 0.0, 1.0);
    return {to_byte(a.r + (b.r - a.r) * t), to_byte(a.g + (b.g - a.g) * t),
            to_byte(a.b + (b.b - a.b) * t), to_byte(a.a + (b.a - a.a) * t)};
}

} // namespace kiosk

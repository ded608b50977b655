// RGBA colours and `#RRGGBB` parsing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kiosk {

struct Color {
    std::uint8_t r{};
    std::uint8_t g{};
    std::uint8_t b{};
    std::uint8_t a{255};
    friend bool operator==(const Color&, const Color&) = default;
};

std::optional<Color> parse_color(std::string_view text);

// `c` with its alpha multiplied by `alpha` (0..1).
Color with_alpha(Color c, double alpha);

// A blend of two colours, t = 0 gives `a`.
Color mix(Color a, Color b, double t);

} // namespace kiosk

// Rectangles and the fit/cover arithmetic for placing an image in an area.
#pragma once

#include <optional>
#include <string>

namespace kiosk {

struct Point {
    int x{};
    int y{};
};

struct Size {
    int w{};
    int h{};
    friend bool operator==(const Size&, const Size&) = default;
};

struct Rect {
    int x{};
    int y{};
    int w{};
    int h{};
    friend bool operator==(const Rect&, const Rect&) = default;
    bool empty() const { return w <= 0 || h <= 0; }
};

struct RectF {
    double x{};
    double y{};
    double w{};
    double h{};
};

enum class Fit {
    Contain, // The whole image is visible, centred, with bars where the aspect ratios differ.
    Cover,   // The area is filled; the image is cropped at its centre.
};

// Which part of the image (`src`, in image pixels) goes to which part of the area (`dst`).
struct Placement {
    RectF src;
    Rect dst;
};

Placement place_image(Size image, Rect area, Fit fit);

// Parses `1920x1080`; refuses zero, negative and sides past 8192 (twice 4K).
std::optional<Size> parse_size(const std::string& text);

} // namespace kiosk

// Decoding with the display's decoder; the logo's size and contrast.
#include "picture_check.hpp"

#include "kiosk/core/image_info.hpp"
#include "kiosk/media/image_loader.hpp"
#include "kiosk/media/orientation.hpp"

#include <cmath>

namespace kiosk::pack {
namespace {

// WCAG's contrast: 3 to 1 is what it asks of graphics that must be told apart from what is
// around them.
constexpr double kContrast = 3.0;
// Less than this share of a logo standing out from the header, and its shape is lost in it.
constexpr double kLogoShare = 0.15;

double linear(double c) {
    c /= 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(double r, double g, double b) {
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

double contrast(double a, double b) {
    return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

// The share of the visible pixels of `s` (alpha of half or more) that, laid over `backdrop`,
// contrast with it by kContrast or more.
double contrast_share(SDL_Surface* s, Color backdrop) {
    const double back = luminance(backdrop.r, backdrop.g, backdrop.b);
    long visible = 0, standing_out = 0;
    for (int y = 0; y < s->h; ++y) {
        const auto* row =
            reinterpret_cast<const Uint32*>(static_cast<const unsigned char*>(s->pixels) +
                                            static_cast<std::ptrdiff_t>(y) * s->pitch);
        for (int x = 0; x < s->w; ++x) {
            Uint8 r, g, b, a;
            SDL_GetRGBA(row[x], s->format, &r, &g, &b, &a);
            if (a < 128)
                continue;
            double t = a / 255.0;
            auto over = [&](Uint8 c, Uint8 under) { return c * t + under * (1 - t); };
            double l = luminance(over(r, backdrop.r), over(g, backdrop.g), over(b, backdrop.b));
            ++visible;
            standing_out += contrast(l, back) >= kContrast;
        }
    }
    return visible == 0 ? 0.0 : static_cast<double>(standing_out) / static_cast<double>(visible);
}

std::string size_text(Size s) {
    return std::to_string(s.w) + "x" + std::to_string(s.h);
}

} // namespace

Result<PictureFacts> check_picture(const std::string& name, std::string_view bytes, Size area,
                                   Fit fit, const std::filesystem::path& svg_program,
                                   Color backdrop) {
    auto d = media::decode_image_bytes(bytes, {name, name, "", area, fit}, svg_program);
    if (!d.surface) {
        // The display's message starts with the file's own name; the caller names the file.
        std::string why = d.error;
        auto colon = why.find(": ");
        if (colon != std::string::npos &&
            why.compare(0, colon, std::filesystem::path(name).filename().string()) == 0)
            why.erase(0, colon + 2);
        return fail(why.empty() ? "cannot be decoded" : why);
    }
    PictureFacts f;
    auto info = read_image_info(bytes);
    f.mime = info ? info->mime : "";
    f.orientation = media::exif_orientation(bytes);
    f.upright = info ? media::oriented_size({info->width, info->height}, f.orientation) : Size{};
    f.shown = {d.surface->w, d.surface->h};
    f.contrast_share = contrast_share(d.surface.get(), backdrop);
    return f;
}

std::vector<std::string> logo_warnings(const PictureFacts& logo, Size box, Size screen,
                                       const std::string& header_name) {
    std::vector<std::string> out;
    const std::string at = " in the header of a " + size_text(screen) + " screen";
    const bool raster = logo.mime != "image/svg+xml";
    if (raster && logo.upright.w > 0 && logo.upright.h > 0 && logo.upright.w < box.w &&
        logo.upright.h < box.h)
        out.push_back("is " + size_text(logo.upright) + ", smaller than the " + size_text(box) +
                      " square it fills" + at +
                      ": it will look blurred (use an SVG or a larger "
                      "picture)");
    if (logo.shown.w * 2 <= box.w || logo.shown.h * 2 <= box.h)
        out.push_back("is shown " + size_text(logo.shown) + " in its " + size_text(box) +
                      " square" + at + ": a logo about as tall as it is wide shows larger");
    if (logo.contrast_share < kLogoShare) {
        char share[16];
        std::snprintf(share, sizeof share, "%.0f%%", logo.contrast_share * 100);
        out.push_back("hardly stands out from the header colour " + header_name + ": only " +
                      share +
                      " of it contrasts with it by 3:1 or more (give it an outline, or "
                      "change [theme] primary)");
    }
    return out;
}

} // namespace kiosk::pack

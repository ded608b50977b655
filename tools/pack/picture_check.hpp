// Pictures checked the way a display will show them: decoded with its own decoders and limits
// (every byte, not only the header), turned upright by their EXIF orientation; and the header
// logo judged for its size and its contrast with the header's colour.
#pragma once

#include "kiosk/core/color.hpp"
#include "kiosk/core/error.hpp"
#include "kiosk/core/geometry.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::pack {

struct PictureFacts {
    std::string mime;
    Size upright;       // Its size as shown, after the EXIF orientation (0x0 for an SVG without).
    int orientation{1}; // EXIF, 1 to 8.
    Size shown;         // The size it was decoded at, for `area`.
    double contrast_share{}; // Of its visible pixels, the share standing out from `backdrop`.
};

// Decodes `bytes` (the file `name`) as a display does for `area` with `fit`; the display's own
// message when it would refuse it ("cannot be decoded (libpng: IDAT: CRC error)"). SVGs are drawn
// by `svg_program` in a child process with the display's limits, or in this process when empty.
// `backdrop` is the colour the picture is shown on, for `contrast_share`.
Result<PictureFacts> check_picture(const std::string& name, std::string_view bytes, Size area,
                                   Fit fit, const std::filesystem::path& svg_program,
                                   Color backdrop);

// What is wrong with a header logo shown in the square `box`, on the header colour `header`
// (named `header_name` in messages): a raster logo smaller than its box (blurred), one so wide or
// tall that it fills less than half of it, or one that hardly stands out from the header colour.
std::vector<std::string> logo_warnings(const PictureFacts& logo, Size box, Size screen,
                                       const std::string& header_name);

} // namespace kiosk::pack

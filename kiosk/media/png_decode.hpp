// PNG decoding with libpng's simplified API, into the picture format.
//
// SDL_image's PNG loader lets libpng print its errors ("libpng error: IDAT: CRC error") on the
// program's standard error and says only "Error reading the PNG file". Here libpng's message is
// kept and goes into the program's own log line, with the file named. libpng also converts any
// PNG (palette, grey, 16 bits, with or without gamma) to 8-bit sRGB, the colours a browser shows.
#pragma once

#include "kiosk/media/sdl_ptr.hpp"

#include <string>
#include <string_view>

namespace kiosk::media {

struct PngResult {
    SurfacePtr surface; // ARGB8888, or RGB888 when the PNG has no alpha; null on failure.
    std::string error;  // libpng's own message when it failed.
};

// Decodes a whole PNG file in memory. The caller has checked its size against the limits.
PngResult decode_png(std::string_view bytes);

} // namespace kiosk::media

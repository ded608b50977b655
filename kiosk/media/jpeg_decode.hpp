// JPEG decoding straight into the picture format (XRGB8888), scaled down in the decoder itself.
//
// SDL_image decodes a JPEG at its full size into 24-bit RGB, which is then converted to 32 bits and
// shrunk: a 1080p poster passes through 14.5 MB of buffers, and a 5000x3500 photo through 118 MB,
// for a picture of 8 MB or less. libjpeg-turbo can instead write 32-bit pixels and scale in the
// DCT domain by n/8: the decode writes the picture once, at the size the screen needs (or the
// next size up, then shrunk the rest of the way). CMYK and YCCK JPEGs (print workflows) are
// turned into RGB here too, which SDL_image does not do (it showed their inks as colours).
#pragma once

#include "kiosk/core/geometry.hpp"
#include "kiosk/media/sdl_ptr.hpp"

#include <string>
#include <string_view>

namespace kiosk::media {

// The DCT scale (numerator over 8) that decodes an image of `image` pixels no smaller than
// `shown` on either side: the least of 1..8 that is enough (8 when `shown` is the image's size or
// larger).
int jpeg_scale_eighths(Size image, Size shown);

struct JpegResult {
    SurfacePtr surface; // XRGB8888 (SDL_PIXELFORMAT_RGB888), or null.
    Size full;          // The image's own size, as its header gives it (0x0 if unreadable).
    // Null with `unsupported`: a JPEG in a colour space this path does not know (the caller
    // decodes it another way); null without: the data is broken, and `error` says how.
    bool unsupported{false};
    std::string error;
};

// Decodes `bytes` at `eighths`/8 of its size (rounded up, as libjpeg does).
JpegResult decode_jpeg(std::string_view bytes, int eighths);

} // namespace kiosk::media

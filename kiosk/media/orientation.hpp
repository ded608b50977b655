// EXIF orientation: phones store a photo as the sensor saw it and say in an EXIF tag how to turn
// it to be upright (1 to 8: turned, mirrored, or both). The tag is read with libexif, from a
// JPEG's APP1 segment, a PNG's eXIf chunk or a WebP's EXIF chunk; the picture is turned here.
#pragma once

#include "kiosk/core/geometry.hpp"
#include "kiosk/media/sdl_ptr.hpp"

#include <string_view>

namespace kiosk::media {

// The EXIF orientation of an image file, 1 (as stored) when it has none or an unreadable one.
int exif_orientation(std::string_view bytes);

// Whether the orientation turns the picture a quarter (5 to 8): width and height swap.
bool swaps_sides(int orientation);
// The size shown of a picture stored at `stored`, and the size stored of one shown at `shown`.
Size oriented_size(Size stored, int orientation);

// The 32-bit surface `s` turned upright; `s` itself for orientation 1 (or an unknown value).
SurfacePtr apply_orientation(SurfacePtr s, int orientation);

} // namespace kiosk::media

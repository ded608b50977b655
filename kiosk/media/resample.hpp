// Shrinking pictures without moiré.
//
// Bilinear sampling reads 2x2 source pixels for each pixel it writes: shrunk more than twice, it
// skips pixels, and fine patterns (1-pixel stripes, text, halftones) turn into full-contrast
// moiré. So a picture is first halved, averaging each 2x2 block (as mipmaps are made), until it
// is less than twice the size wanted, and the last step is bilinear, which then misses no pixel.
#pragma once

#include "kiosk/core/geometry.hpp"
#include "kiosk/media/sdl_ptr.hpp"

namespace kiosk::media {

// `s` (32 bits a pixel, RGB888 or ARGB8888) at `size`, in the same format. Null if it cannot be
// made.
SurfacePtr resize_surface(SDL_Surface* s, Size size);

// `s` halved across (`across`), down (`down`) or both, each output pixel the average of the two or
// four it covers (weighted by alpha when there is one); an odd last row or column is averaged
// with itself.
SurfacePtr halve(SDL_Surface* s, bool across, bool down);

} // namespace kiosk::media

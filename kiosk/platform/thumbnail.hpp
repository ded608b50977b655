// A small PNG of a frame, in memory: the fleet view's screenshot.
#pragma once

#include "kiosk/core/error.hpp"

#include <string>

struct SDL_Surface;

namespace kiosk::platform {

// `frame` scaled down (never up) to at most `max_width` pixels wide, keeping its shape, as PNG
// bytes.
Result<std::string> png_thumbnail(SDL_Surface* frame, int max_width);

} // namespace kiosk::platform

// Surface format conversion.
#include "kiosk/media/sdl_ptr.hpp"

namespace kiosk::media {

SurfacePtr to_argb(SurfacePtr s) {
    if (!s || s->format->format == SDL_PIXELFORMAT_ARGB8888)
        return s;
    return SurfacePtr(SDL_ConvertSurfaceFormat(s.get(), SDL_PIXELFORMAT_ARGB8888, 0));
}

} // namespace kiosk::media

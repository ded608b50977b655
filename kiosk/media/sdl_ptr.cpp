// Surface format conversion.
#include "kiosk/media/sdl_ptr.hpp"

#include <cstddef>

namespace kiosk::media {

SurfacePtr to_argb(SurfacePtr s) {
    if (!s || s->format->format == SDL_PIXELFORMAT_ARGB8888)
        return s;
    return SurfacePtr(SDL_ConvertSurfaceFormat(s.get(), SDL_PIXELFORMAT_ARGB8888, 0));
}

bool is_opaque(SDL_Surface* s) {
    if (s == nullptr)
        return false;
    if (s->format->Amask == 0 && s->format->palette == nullptr)
        return true;
    if (s->format->BytesPerPixel != 4 || s->format->Amask == 0)
        return false; // Palettes and odd layouts: not worth a special case.
    if (SDL_MUSTLOCK(s) && SDL_LockSurface(s) != 0)
        return false;
    const Uint32 amask = s->format->Amask;
    bool opaque = true;
    for (int y = 0; y < s->h && opaque; ++y) {
        const auto* row = reinterpret_cast<const Uint32*>(
            static_cast<const Uint8*>(s->pixels) + static_cast<std::ptrdiff_t>(y) * s->pitch);
        for (int x = 0; x < s->w; ++x) {
            if ((row[x] & amask) != amask) {
                opaque = false;
                break;
            }
        }
    }
    if (SDL_MUSTLOCK(s))
        SDL_UnlockSurface(s);
    return opaque;
}

SurfacePtr to_picture_format(SurfacePtr s) {
    if (!s)
        return s;
    Uint32 want = is_opaque(s.get()) ? SDL_PIXELFORMAT_RGB888 : SDL_PIXELFORMAT_ARGB8888;
    if (s->format->format == want)
        return s;
    return SurfacePtr(SDL_ConvertSurfaceFormat(s.get(), want, 0));
}

} // namespace kiosk::media

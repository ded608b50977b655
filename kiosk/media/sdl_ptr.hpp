// Owning pointers for SDL and SDL_image handles.
#pragma once

#include <SDL.h>

#include <memory>

namespace kiosk::media {

struct SurfaceDeleter {
    void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
struct TextureDeleter {
    void operator()(SDL_Texture* t) const { SDL_DestroyTexture(t); }
};

struct FormatDeleter {
    void operator()(SDL_PixelFormat* f) const { SDL_FreeFormat(f); }
};

using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;
using FormatPtr = std::unique_ptr<SDL_PixelFormat, FormatDeleter>;
using TexturePtr = std::unique_ptr<SDL_Texture, TextureDeleter>;

// Converts to 32-bit ARGB (what the renderers upload without another conversion).
SurfacePtr to_argb(SurfacePtr s);

// Whether every pixel is fully opaque: no alpha channel, or an alpha of 255 everywhere.
bool is_opaque(SDL_Surface* s);

// Converts an opaque picture to 32-bit RGB without alpha (XRGB8888), anything else to ARGB. An
// opaque texture is copied without blending, and faded with one alpha for the whole picture:
// several times faster in SDL's software renderer than blending pixel by pixel.
SurfacePtr to_picture_format(SurfacePtr s);

} // namespace kiosk::media

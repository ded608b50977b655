// Thumbnails: scaled with SDL, written as PNG through an SDL_RWops that appends to a string.
#include "kiosk/platform/thumbnail.hpp"

#include "kiosk/media/resample.hpp"
#include "kiosk/media/sdl_ptr.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>

namespace kiosk::platform {
namespace {

size_t append(SDL_RWops* rw, const void* data, size_t size, size_t n) {
    auto* out = static_cast<std::string*>(rw->hidden.unknown.data1);
    out->append(static_cast<const char*>(data), size * n);
    return n;
}

Sint64 size_of(SDL_RWops* rw) {
    return static_cast<Sint64>(static_cast<std::string*>(rw->hidden.unknown.data1)->size());
}

// The PNG writer only appends; it asks where it is but never goes back.
Sint64 seek(SDL_RWops* rw, Sint64 offset, int whence) {
    Sint64 end = size_of(rw);
    if (whence == RW_SEEK_CUR && offset == 0)
        return end;
    if (whence == RW_SEEK_END && offset == 0)
        return end;
    if (whence == RW_SEEK_SET && offset == end)
        return end;
    return SDL_SetError("seeking back is not supported");
}

int close_rw(SDL_RWops* rw) {
    SDL_FreeRW(rw);
    return 0;
}

} // namespace

Result<std::string> png_thumbnail(SDL_Surface* frame, int max_width) {
    if (frame == nullptr)
        return fail("no frame to make a thumbnail of");
    int w = std::min(frame->w, std::max(max_width, 1));
    int h = std::max(1, static_cast<int>(static_cast<long long>(frame->h) * w / frame->w));
    // Scaling works on 32-bit pixels, filtered over the area (a 1080p screen shrinks six times
    // into a thumbnail); the PNG is written as 24-bit (a screen is opaque).
    media::SurfacePtr argb(SDL_ConvertSurfaceFormat(frame, SDL_PIXELFORMAT_ARGB8888, 0));
    if (!argb)
        return fail(std::string("thumbnail: ") + SDL_GetError());
    media::SurfacePtr scaled = media::resize_surface(argb.get(), {w, h});
    if (!scaled)
        return fail(std::string("thumbnail: cannot scale: ") + SDL_GetError());
    media::SurfacePtr small(SDL_ConvertSurfaceFormat(scaled.get(), SDL_PIXELFORMAT_RGB24, 0));
    if (!small)
        return fail(std::string("thumbnail: ") + SDL_GetError());
    std::string png;
    SDL_RWops* rw = SDL_AllocRW();
    if (rw == nullptr)
        return fail(std::string("thumbnail: ") + SDL_GetError());
    rw->type = SDL_RWOPS_UNKNOWN;
    rw->hidden.unknown.data1 = &png;
    rw->write = append;
    rw->size = size_of;
    rw->seek = seek;
    rw->read = [](SDL_RWops*, void*, size_t, size_t) -> size_t { return 0; };
    rw->close = close_rw;
    if (IMG_SavePNG_RW(small.get(), rw, 1) != 0)
        return fail(std::string("thumbnail: cannot write PNG: ") + IMG_GetError());
    return png;
}

} // namespace kiosk::platform

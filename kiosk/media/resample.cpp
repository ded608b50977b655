// Box halving, then SDL's bilinear stretch.
#include "kiosk/media/resample.hpp"

#include <cstdint>

namespace kiosk::media {
namespace {

// The four 8-bit channels of a pixel in four 16-bit lanes, so that four pixels add up without
// carrying into each other.
inline std::uint64_t spread(Uint32 p) {
    std::uint64_t v = p;
    v = (v | v << 16) & 0x0000FFFF0000FFFFull;
    return (v | v << 8) & 0x00FF00FF00FF00FFull;
}
inline Uint32 gather(std::uint64_t v) {
    v &= 0x00FF00FF00FF00FFull;
    v = (v | v >> 8) & 0x0000FFFF0000FFFFull;
    return static_cast<Uint32>(v | v >> 16);
}

// The average of four pixels, each channel on its own, rounded.
inline Uint32 mean4(Uint32 a, Uint32 b, Uint32 c, Uint32 d) {
    return gather((spread(a) + spread(b) + spread(c) + spread(d) + 0x0002000200020002ull) >> 2);
}

// The same with the colours weighted by alpha (the top byte), so that a transparent pixel's
// colour, often black, does not darken the edge of a logo.
Uint32 mean4_alpha(Uint32 a, Uint32 b, Uint32 c, Uint32 d) {
    Uint32 alpha_sum = (a >> 24) + (b >> 24) + (c >> 24) + (d >> 24);
    if (alpha_sum == 0)
        return 0;
    Uint32 out = ((alpha_sum + 2) / 4) << 24;
    for (int shift = 0; shift < 24; shift += 8) {
        Uint32 sum = 0;
        for (Uint32 p : {a, b, c, d})
            sum += ((p >> shift) & 0xFF) * (p >> 24);
        out |= ((sum + alpha_sum / 2) / alpha_sum) << shift;
    }
    return out;
}

Uint32* row_of(SDL_Surface* s, int y) {
    return reinterpret_cast<Uint32*>(static_cast<unsigned char*>(s->pixels) +
                                     static_cast<std::ptrdiff_t>(y) * s->pitch);
}

} // namespace

SurfacePtr halve(SDL_Surface* s, bool across, bool down) {
    const int w = across ? (s->w + 1) / 2 : s->w;
    const int h = down ? (s->h + 1) / 2 : s->h;
    SurfacePtr out(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, s->format->format));
    if (!out)
        return nullptr;
    const bool alpha = s->format->Amask == 0xFF000000u;
    for (int y = 0; y < h; ++y) {
        const Uint32* r0 = row_of(s, down ? 2 * y : y);
        const Uint32* r1 = row_of(s, down ? std::min(2 * y + 1, s->h - 1) : y);
        Uint32* o = row_of(out.get(), y);
        for (int x = 0; x < w; ++x) {
            int x0 = across ? 2 * x : x;
            int x1 = across ? std::min(2 * x + 1, s->w - 1) : x;
            o[x] = alpha ? mean4_alpha(r0[x0], r0[x1], r1[x0], r1[x1])
                         : mean4(r0[x0], r0[x1], r1[x0], r1[x1]);
        }
    }
    return out;
}

SurfacePtr resize_surface(SDL_Surface* s, Size size) {
    if (s == nullptr || s->format->BytesPerPixel != 4 || size.w <= 0 || size.h <= 0)
        return nullptr;
    SurfacePtr halved;
    SDL_Surface* from = s;
    for (;;) {
        bool across = from->w >= 2 * size.w;
        bool down = from->h >= 2 * size.h;
        if (!across && !down)
            break;
        halved = halve(from, across, down);
        if (!halved)
            return nullptr;
        from = halved.get();
    }
    if (from->w == size.w && from->h == size.h && halved)
        return halved;
    SurfacePtr out(SDL_CreateRGBSurfaceWithFormat(0, size.w, size.h, 32, s->format->format));
    if (!out || SDL_SoftStretchLinear(from, nullptr, out.get(), nullptr) != 0)
        return nullptr;
    return out;
}

} // namespace kiosk::media

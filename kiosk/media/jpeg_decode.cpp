// JPEG decoding with libjpeg-turbo.
#include "kiosk/media/jpeg_decode.hpp"

#include <algorithm>
#include <cmath>
#include <csetjmp>
#include <cstdio> // jpeglib.h needs FILE.

#include <jpeglib.h>

namespace kiosk::media {
namespace {

// libjpeg reports a fatal error by calling error_exit, which must not return: it jumps back to
// decode_into. Nothing between the setjmp and the jump has a destructor to run (decode_into keeps
// to plain C objects), so the jump skips none.
struct ErrorManager {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void on_error(j_common_ptr c) {
    auto* e = reinterpret_cast<ErrorManager*>(c->err);
    (*c->err->format_message)(c, e->message);
    std::longjmp(e->jump, 1);
}

// Warnings (extra bytes before a marker, a corrupt stretch the decoder steps over) are not
// printed, as SDL_image does not print them: the image is shown as the decoder makes it.
void on_message(j_common_ptr) {}

enum class Outcome { Decoded, Unsupported, Broken };

// What this path writes: 32-bit pixels whose bytes in memory are those of SDL's XRGB8888 on this
// machine, with the fourth byte set (libjpeg-turbo leaves it undefined in its X formats).
constexpr J_COLOR_SPACE kOut = SDL_BYTEORDER == SDL_LIL_ENDIAN ? JCS_EXT_BGRA : JCS_EXT_ARGB;

Outcome decode_into(const unsigned char* data, unsigned long size, int eighths, ErrorManager& em,
                    SDL_Surface** out, int* full_w, int* full_h) {
    jpeg_decompress_struct cinfo{};
    SDL_Surface* volatile surface = nullptr;
    cinfo.err = jpeg_std_error(&em.mgr);
    em.mgr.error_exit = on_error;
    em.mgr.output_message = on_message;
    em.message[0] = '\0';
    if (setjmp(em.jump) != 0) {
        jpeg_destroy_decompress(&cinfo);
        SDL_FreeSurface(surface);
        return Outcome::Broken;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, size);
    jpeg_read_header(&cinfo, TRUE);
    *full_w = static_cast<int>(cinfo.image_width);
    *full_h = static_cast<int>(cinfo.image_height);
    switch (cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
    case JCS_YCbCr:
    case JCS_RGB:
        break;
    default: // CMYK and YCCK: libjpeg-turbo does not turn them into RGB.
        jpeg_destroy_decompress(&cinfo);
        return Outcome::Unsupported;
    }
    cinfo.out_color_space = kOut;
    cinfo.scale_num = static_cast<unsigned int>(eighths);
    cinfo.scale_denom = 8;
    jpeg_start_decompress(&cinfo);
    surface = SDL_CreateRGBSurfaceWithFormat(0, static_cast<int>(cinfo.output_width),
                                             static_cast<int>(cinfo.output_height), 32,
                                             SDL_PIXELFORMAT_RGB888);
    if (surface == nullptr) {
        std::snprintf(em.message, sizeof em.message, "no memory for its %ux%u pixels",
                      cinfo.output_width, cinfo.output_height);
        jpeg_destroy_decompress(&cinfo);
        return Outcome::Broken;
    }
    auto* pixels = static_cast<unsigned char*>(surface->pixels);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = pixels + static_cast<std::ptrdiff_t>(cinfo.output_scanline) * surface->pitch;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    *out = surface;
    return Outcome::Decoded;
}

} // namespace

int jpeg_scale_eighths(Size image, double scale) {
    if (scale >= 0.999 || image.w <= 0 || image.h <= 0)
        return 8;
    auto needed = [scale](int side) {
        return std::max(1L, std::lround(static_cast<double>(side) * scale));
    };
    auto decoded = [](int side, int m) { return (static_cast<long>(side) * m + 7) / 8; };
    for (int m = 1; m < 8; ++m)
        if (decoded(image.w, m) >= needed(image.w) && decoded(image.h, m) >= needed(image.h))
            return m;
    return 8;
}

JpegResult decode_jpeg(std::string_view bytes, int eighths) {
    JpegResult r;
    ErrorManager em{};
    SDL_Surface* surface = nullptr;
    int full_w = 0;
    int full_h = 0;
    auto outcome = decode_into(reinterpret_cast<const unsigned char*>(bytes.data()),
                               static_cast<unsigned long>(bytes.size()), std::clamp(eighths, 1, 8),
                               em, &surface, &full_w, &full_h);
    r.surface.reset(surface);
    r.full = {full_w, full_h};
    r.unsupported = outcome == Outcome::Unsupported;
    if (outcome == Outcome::Broken)
        r.error = em.message[0] != '\0' ? em.message : "cannot be decoded";
    return r;
}

} // namespace kiosk::media

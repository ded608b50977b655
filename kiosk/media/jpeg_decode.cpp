// JPEG decoding with libjpeg-turbo.
#include "kiosk/media/jpeg_decode.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstddef>
#include <cstdio> // jpeglib.h needs FILE.
#include <cstring>

#include <jpeglib.h>

namespace kiosk::media {
namespace {

// More scans than any encoder writes (a progressive JPEG has about ten): a file made of
// thousands of tiny scans would otherwise hold the decoder for minutes.
constexpr int kMaxScans = 500;

// libjpeg reports a fatal error by calling error_exit, which must not return: it jumps back to
// decode_into. Nothing between the setjmp and the jump has a destructor to run (decode_into keeps
// to plain C objects), so the jump skips none; and what the decoder changes after the setjmp
// lives here, owned by the caller, not in decode_into's own variables (whose values a jump may
// not keep).
struct Decoder {
    jpeg_decompress_struct cinfo;
    jpeg_error_mgr mgr;
    jpeg_progress_mgr progress;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

Decoder& decoder_of(j_common_ptr c) {
    // `mgr` is what cinfo.err points to; the Decoder is found from it.
    return *reinterpret_cast<Decoder*>(reinterpret_cast<char*>(c->err) - offsetof(Decoder, mgr));
}

[[noreturn]] void on_error(j_common_ptr c) {
    Decoder& d = decoder_of(c);
    (*c->err->format_message)(c, d.message);
    std::longjmp(d.jump, 1);
}

void on_progress(j_common_ptr c) {
    const auto* cinfo = reinterpret_cast<j_decompress_ptr>(c);
    if (cinfo->input_scan_number <= kMaxScans)
        return;
    Decoder& d = decoder_of(c);
    std::snprintf(d.message, sizeof d.message, "more than %d scans", kMaxScans);
    std::longjmp(d.jump, 1);
}

// Warnings (extra bytes before a marker, a corrupt stretch the decoder steps over) are not
// printed, as SDL_image does not print them: the image is shown as the decoder makes it.
void on_message(j_common_ptr) {}

enum class Outcome { Decoded, Unsupported, Broken };

// What this path writes: 32-bit pixels whose bytes in memory are those of SDL's XRGB8888 on this
// machine, with the fourth byte set (libjpeg-turbo leaves it undefined in its X formats).
constexpr J_COLOR_SPACE kOut = SDL_BYTEORDER == SDL_LIL_ENDIAN ? JCS_EXT_BGRA : JCS_EXT_ARGB;

// One row of CMYK samples as RGB. Print workflows (Photoshop, and most tools after it) mark their
// JPEGs with an Adobe segment and store the inks inverted (255 is no ink); without one, 255 is
// full ink. The colour is the naive one (no ink profile): what simple viewers show.
void cmyk_row(const JSAMPLE* in, Uint32* out, JDIMENSION width, bool inverted) {
    for (JDIMENSION x = 0; x < width; ++x, in += 4) {
        unsigned k = inverted ? in[3] : 255u - in[3];
        auto channel = [&](JSAMPLE v) {
            unsigned paper = inverted ? v : 255u - v;
            return (paper * k + 127) / 255;
        };
        out[x] = 0xFF000000u | channel(in[0]) << 16 | channel(in[1]) << 8 | channel(in[2]);
    }
}

Outcome decode_into(const unsigned char* data, unsigned long size, int eighths, Decoder& d,
                    SDL_Surface** out, int* full_w, int* full_h) {
    SDL_Surface* volatile surface = nullptr;
    d.cinfo.err = jpeg_std_error(&d.mgr);
    d.mgr.error_exit = on_error;
    d.mgr.output_message = on_message;
    d.message[0] = '\0';
    if (setjmp(d.jump) != 0) {
        jpeg_destroy_decompress(&d.cinfo);
        SDL_FreeSurface(surface);
        return Outcome::Broken;
    }
    jpeg_create_decompress(&d.cinfo);
    d.progress.progress_monitor = on_progress;
    d.cinfo.progress = &d.progress;
    jpeg_mem_src(&d.cinfo, data, size);
    jpeg_read_header(&d.cinfo, TRUE);
    *full_w = static_cast<int>(d.cinfo.image_width);
    *full_h = static_cast<int>(d.cinfo.image_height);
    bool cmyk = false;
    switch (d.cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
    case JCS_YCbCr:
    case JCS_RGB:
        d.cinfo.out_color_space = kOut;
        break;
    case JCS_CMYK:
    case JCS_YCCK: // libjpeg turns YCCK into CMYK; the rest is done here.
        d.cinfo.out_color_space = JCS_CMYK;
        cmyk = true;
        break;
    default:
        jpeg_destroy_decompress(&d.cinfo);
        return Outcome::Unsupported;
    }
    d.cinfo.scale_num = static_cast<unsigned int>(eighths);
    d.cinfo.scale_denom = 8;
    jpeg_start_decompress(&d.cinfo);
    const JDIMENSION width = d.cinfo.output_width;
    surface = SDL_CreateRGBSurfaceWithFormat(0, static_cast<int>(width),
                                             static_cast<int>(d.cinfo.output_height), 32,
                                             SDL_PIXELFORMAT_RGB888);
    if (surface == nullptr) {
        std::snprintf(d.message, sizeof d.message, "no memory for its %ux%u pixels", width,
                      d.cinfo.output_height);
        jpeg_destroy_decompress(&d.cinfo);
        return Outcome::Broken;
    }
    // A CMYK row is decoded into the decoder's own memory (freed with it), then converted.
    JSAMPARRAY inks = cmyk ? (*d.cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&d.cinfo),
                                                          JPOOL_IMAGE, width * 4, 1)
                           : nullptr;
    const bool inverted = d.cinfo.saw_Adobe_marker != 0;
    auto* pixels = static_cast<unsigned char*>(surface->pixels);
    while (d.cinfo.output_scanline < d.cinfo.output_height) {
        auto* row = pixels + static_cast<std::ptrdiff_t>(d.cinfo.output_scanline) * surface->pitch;
        if (inks != nullptr) {
            jpeg_read_scanlines(&d.cinfo, inks, 1);
            cmyk_row(inks[0], reinterpret_cast<Uint32*>(row), width, inverted);
        } else {
            JSAMPROW r = row;
            jpeg_read_scanlines(&d.cinfo, &r, 1);
        }
    }
    jpeg_finish_decompress(&d.cinfo);
    jpeg_destroy_decompress(&d.cinfo);
    *out = surface;
    return Outcome::Decoded;
}

} // namespace

int jpeg_scale_eighths(Size image, Size shown) {
    auto decoded = [](int side, int m) { return (static_cast<long>(side) * m + 7) / 8; };
    for (int m = 1; m < 8; ++m)
        if (decoded(image.w, m) >= shown.w && decoded(image.h, m) >= shown.h)
            return m;
    return 8;
}

JpegResult decode_jpeg(std::string_view bytes, int eighths) {
    JpegResult r;
    Decoder d{};
    SDL_Surface* surface = nullptr;
    int full_w = 0;
    int full_h = 0;
    auto outcome = decode_into(reinterpret_cast<const unsigned char*>(bytes.data()),
                               static_cast<unsigned long>(bytes.size()), std::clamp(eighths, 1, 8),
                               d, &surface, &full_w, &full_h);
    r.surface.reset(surface);
    r.full = {full_w, full_h};
    r.unsupported = outcome == Outcome::Unsupported;
    if (outcome == Outcome::Broken)
        r.error = d.message[0] != '\0' ? d.message : "cannot be decoded";
    return r;
}

} // namespace kiosk::media

// PNG decoding with libpng.
#include "kiosk/media/png_decode.hpp"

#include <png.h>

namespace kiosk::media {

PngResult decode_png(std::string_view bytes) {
    PngResult r;
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    // Errors and warnings stay in image.message; libpng prints nothing with this API.
    if (png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()) == 0) {
        r.error = image.message;
        png_image_free(&image);
        return r;
    }
    const bool alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    // Four bytes a pixel in the order SDL calls ARGB8888 on this machine.
    image.format = SDL_BYTEORDER == SDL_LIL_ENDIAN ? PNG_FORMAT_BGRA : PNG_FORMAT_ARGB;
    SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(
        0, static_cast<int>(image.width), static_cast<int>(image.height), 32,
        alpha ? SDL_PIXELFORMAT_ARGB8888 : SDL_PIXELFORMAT_RGB888));
    if (!s) {
        r.error = "no memory for its " + std::to_string(image.width) + "x" +
                  std::to_string(image.height) + " pixels";
        png_image_free(&image);
        return r;
    }
    if (png_image_finish_read(&image, nullptr, s->pixels, s->pitch, nullptr) == 0) {
        r.error = image.message;
        png_image_free(&image);
        return r;
    }
    r.surface = std::move(s);
    return r;
}

} // namespace kiosk::media

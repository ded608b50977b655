// The player's image loading path: format sniffing, the header check against the pixel cap, the
// EXIF orientation (libexif), then libjpeg-turbo (JPEG, scaled in the decoder), libpng, or
// SDL_image (libwebp, nanosvg), scaling to the place it is shown in and turning upright.
#include "fuzz_util.hpp"
#include "kiosk/media/image_loader.hpp"

#include <SDL.h>

#include <cstdlib>

// SDL keeps the error message of each thread in memory it allocates on the first error and frees
// at SDL_Quit; allocate it before the first input so it is not taken for a leak of that input.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    SDL_SetError("%s", "");
    std::atexit(SDL_Quit);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kiosk;
    auto bytes = fuzz::as_text(data, size);
    // The last byte picks where it is shown, so scaling up and down and both fits are reached.
    unsigned pick = size > 0 ? data[size - 1] : 0;
    media::DecodeRequest request{"poster", "posters/poster", "", Size{1920, 1080},
                                 (pick & 1) != 0 ? Fit::Cover : Fit::Contain};
    if ((pick & 2) != 0)
        request.target = Size{3840, 2160};
    if ((pick & 4) != 0)
        request.target = Size{320, 180};
    // Places smaller than the seeds: JPEGs decoded at an eighth to seven eighths of their size
    // (the seeds named -place-N end with the byte N after the image, to reach them).
    if ((pick & 8) != 0)
        request.target = Size{37, 23};
    if ((pick & 16) != 0)
        request.target = Size{5, 3};
    auto decoded = media::decode_image_bytes(bytes, request);
    // Either pixels or a reason naming the file.
    if (!decoded.surface && decoded.error.find("poster") == std::string::npos)
        std::abort();
    if (decoded.surface && static_cast<std::uint64_t>(decoded.surface->w) *
                                   static_cast<std::uint64_t>(decoded.surface->h) >
                               media::kMaxPixels)
        std::abort();
    return 0;
}

// The header check that runs before any image is decoded (kiosk-pack and the player), and the
// format sniffing of the decoder.
#include "fuzz_util.hpp"
#include "kiosk/core/image_info.hpp"
#include "kiosk/media/image_loader.hpp"

#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto bytes = kiosk::fuzz::as_text(data, size);
    auto info = kiosk::read_image_info(bytes);
    auto format = kiosk::media::sniff_format(bytes.substr(0, 512));
    // A header that was read names a format the decoder recognises as the same one.
    if (info && format != kiosk::media::ImageFormat::Unknown &&
        info->mime != kiosk::media::mime_of(format))
        std::abort();
    if (info && (info->width < 0 || info->height < 0))
        std::abort();
    return 0;
}

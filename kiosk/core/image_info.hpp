// An image's format and size read from its first bytes, without decoding it: to check what a file
// really is (not what its name says) and how big it will be before anything allocates for it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

struct ImageInfo {
    std::string mime; // image/jpeg, image/png, image/webp, image/svg+xml
    int width{};      // 0 when the header does not say (an SVG without width or viewBox).
    int height{};
};

// Recognises JPEG, PNG, WebP and SVG by content. `bytes` is the file (a JPEG's size may come after
// its other headers, so give the whole file or at least its first 64 KiB).
std::optional<ImageInfo> read_image_info(std::string_view bytes);

} // namespace kiosk

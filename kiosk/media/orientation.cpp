// Finding the EXIF block in each container, reading its orientation with libexif, and turning
// the pixels.
#include "kiosk/media/orientation.hpp"

#include <libexif/exif-data.h>

#include <cstdint>
#include <memory>

namespace kiosk::media {
namespace {

// More than any camera writes (a JPEG's APP1 segment holds at most 64 KiB): a larger block is
// not looked into.
constexpr std::size_t kMaxExifBytes = 1u << 20;

std::uint32_t be16(std::string_view b, std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[i])) << 8 |
           static_cast<unsigned char>(b[i + 1]);
}
std::uint32_t be32(std::string_view b, std::size_t i) {
    return be16(b, i) << 16 | be16(b, i + 2);
}
std::uint32_t le32(std::string_view b, std::size_t i) {
    std::uint32_t v = 0;
    for (std::size_t k = 4; k-- > 0;)
        v = v << 8 | static_cast<unsigned char>(b[i + k]);
    return v;
}

// A JPEG's Exif APP1 segment ("Exif\0\0" and the TIFF data), among the segments before the
// image data.
std::string_view jpeg_exif(std::string_view b) {
    std::size_t i = 2;
    while (i + 4 <= b.size() && static_cast<unsigned char>(b[i]) == 0xFF) {
        auto marker = static_cast<unsigned char>(b[i + 1]);
        if (marker == 0xFF) {
            ++i;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9)
            break; // The image data: no EXIF after it.
        std::size_t length = be16(b, i + 2);
        if (length < 2 || i + 2 + length > b.size())
            break;
        auto payload = b.substr(i + 4, length - 2);
        if (marker == 0xE1 && payload.starts_with(std::string_view("Exif\0\0", 6)))
            return payload;
        i += 2 + length;
    }
    return {};
}

// A PNG's eXIf chunk: the TIFF data alone.
std::string_view png_exif(std::string_view b) {
    std::size_t i = 8;
    while (i + 12 <= b.size()) {
        std::size_t length = be32(b, i);
        auto type = b.substr(i + 4, 4);
        if (length > b.size() - i - 12)
            break;
        if (type == "eXIf")
            return b.substr(i + 8, length);
        if (type == "IEND")
            break;
        i += 12 + length;
    }
    return {};
}

// A WebP's EXIF chunk: the TIFF data, sometimes after an "Exif\0\0" header.
std::string_view webp_exif(std::string_view b) {
    std::size_t i = 12;
    while (i + 8 <= b.size()) {
        std::size_t length = le32(b, i + 4);
        if (length > b.size() - i - 8)
            break;
        if (b.substr(i, 4) == "EXIF")
            return b.substr(i + 8, length);
        i += 8 + length + (length & 1); // Chunks are padded to an even size.
    }
    return {};
}

struct ExifDataDeleter {
    void operator()(ExifData* d) const { exif_data_unref(d); }
};

// The orientation in the EXIF block `block` (with or without its "Exif\0\0" header).
int orientation_in(std::string_view block) {
    if (block.empty() || block.size() > kMaxExifBytes)
        return 1;
    std::string data;
    if (!block.starts_with(std::string_view("Exif\0\0", 6)))
        data.assign("Exif\0\0", 6);
    data.append(block);
    std::unique_ptr<ExifData, ExifDataDeleter> exif(exif_data_new());
    if (!exif)
        return 1;
    // Read only: no tags added or "fixed" to follow the specification.
    exif_data_unset_option(exif.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_unset_option(exif.get(), EXIF_DATA_OPTION_IGNORE_UNKNOWN_TAGS);
    exif_data_load_data(exif.get(), reinterpret_cast<const unsigned char*>(data.data()),
                        static_cast<unsigned int>(data.size()));
    ExifEntry* e = exif_content_get_entry(exif->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (e == nullptr || e->format != EXIF_FORMAT_SHORT || e->components < 1 || e->size < 2)
        return 1;
    int v = exif_get_short(e->data, exif_data_get_byte_order(exif.get()));
    return v >= 1 && v <= 8 ? v : 1;
}

// Where output pixel (x, y) of the upright picture comes from in the stored one of `w`x`h`.
struct Source {
    int x, y;
};
Source source_of(int orientation, int x, int y, int w, int h) {
    switch (orientation) {
    case 2: // Mirrored left to right.
        return {w - 1 - x, y};
    case 3: // Turned half a turn.
        return {w - 1 - x, h - 1 - y};
    case 4: // Mirrored top to bottom.
        return {x, h - 1 - y};
    case 5: // Mirrored along the main diagonal.
        return {y, x};
    case 6: // Stored a quarter turn anticlockwise: turned a quarter clockwise.
        return {y, h - 1 - x};
    case 7: // Mirrored along the other diagonal.
        return {w - 1 - y, h - 1 - x};
    case 8: // Stored a quarter turn clockwise: turned a quarter anticlockwise.
        return {w - 1 - y, x};
    default:
        return {x, y};
    }
}

} // namespace

int exif_orientation(std::string_view b) {
    if (b.starts_with("\xFF\xD8\xFF"))
        return orientation_in(jpeg_exif(b));
    if (b.starts_with("\x89PNG\r\n\x1A\n"))
        return orientation_in(png_exif(b));
    if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP")
        return orientation_in(webp_exif(b));
    return 1;
}

bool swaps_sides(int orientation) {
    return orientation >= 5 && orientation <= 8;
}

Size oriented_size(Size s, int orientation) {
    return swaps_sides(orientation) ? Size{s.h, s.w} : s;
}

SurfacePtr apply_orientation(SurfacePtr s, int orientation) {
    if (!s || orientation < 2 || orientation > 8 || s->format->BytesPerPixel != 4)
        return s;
    const Size out = oriented_size({s->w, s->h}, orientation);
    SurfacePtr o(SDL_CreateRGBSurfaceWithFormat(0, out.w, out.h, 32, s->format->format));
    if (!o)
        return s; // Shown as stored rather than not at all.
    const auto* src = static_cast<const unsigned char*>(s->pixels);
    auto* dst = static_cast<unsigned char*>(o->pixels);
    for (int y = 0; y < out.h; ++y) {
        auto* row = reinterpret_cast<Uint32*>(dst + static_cast<std::ptrdiff_t>(y) * o->pitch);
        for (int x = 0; x < out.w; ++x) {
            Source from = source_of(orientation, x, y, s->w, s->h);
            row[x] = reinterpret_cast<const Uint32*>(src + static_cast<std::ptrdiff_t>(from.y) *
                                                               s->pitch)[from.x];
        }
    }
    return o;
}

} // namespace kiosk::media

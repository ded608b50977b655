// JPEGs decoded with libjpeg-turbo straight into the picture format, scaled in the decoder.
#include "kiosk/media/image_loader.hpp"
#include "kiosk/media/jpeg_decode.hpp"

#include <SDL.h>
#include <SDL_image.h>
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include <jpeglib.h>

using namespace kiosk;

namespace {

// A JPEG of w x h made with libjpeg: `pixel(x, y, out)` writes the sample's components.
std::string encode(int w, int h, int components, J_COLOR_SPACE space,
                   const std::function<void(int, int, unsigned char*)>& pixel, int quality = 92) {
    jpeg_compress_struct c{};
    jpeg_error_mgr err{};
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    unsigned char* out = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&c, &out, &size);
    c.image_width = static_cast<JDIMENSION>(w);
    c.image_height = static_cast<JDIMENSION>(h);
    c.input_components = components;
    c.in_color_space = space;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, quality, TRUE);
    jpeg_start_compress(&c, TRUE);
    std::vector<unsigned char> row(static_cast<std::size_t>(w * components));
    while (c.next_scanline < c.image_height) {
        for (int x = 0; x < w; ++x)
            pixel(x, static_cast<int>(c.next_scanline),
                  &row[static_cast<std::size_t>(x * components)]);
        JSAMPROW r = row.data();
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    std::string bytes(reinterpret_cast<char*>(out), size);
    std::free(out);
    return bytes;
}

// Smooth colour with sharp blocks: what posters are made of.
void poster_pixel(int x, int y, unsigned char* p) {
    bool block = (x / 37 + y / 23) % 5 == 0;
    p[0] = static_cast<unsigned char>(block ? 240 : (x * 3) % 256);
    p[1] = static_cast<unsigned char>(block ? 30 : (y * 2) % 256);
    p[2] = static_cast<unsigned char>((x + y) % 256);
}

std::array<Uint8, 3> rgb_at(SDL_Surface* s, int x, int y) {
    Uint32 v = 0;
    const auto* row = static_cast<const Uint8*>(s->pixels) + y * s->pitch;
    std::memcpy(&v, row + x * s->format->BytesPerPixel, s->format->BytesPerPixel);
    std::array<Uint8, 3> c{};
    SDL_GetRGB(v, s->format, &c[0], &c[1], &c[2]);
    return c;
}

// SDL_image's decode of the same bytes, as the kiosk decoded JPEGs before.
media::SurfacePtr sdl_image_decode(const std::string& bytes) {
    return media::SurfacePtr(IMG_LoadTyped_RW(
        SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size())), 1, "JPG"));
}

} // namespace

TEST(Jpeg, DecodesNoSmallerThanNeededAndNoLarger) {
    EXPECT_EQ(media::jpeg_scale_eighths({1920, 1080}, 1.0), 8);
    EXPECT_EQ(media::jpeg_scale_eighths({1920, 1080}, 1.7), 8); // Never enlarged.
    EXPECT_EQ(media::jpeg_scale_eighths({3840, 2160}, 0.5), 4);
    EXPECT_EQ(media::jpeg_scale_eighths({4961, 3508}, 1080.0 / 3508), 3);
    EXPECT_EQ(media::jpeg_scale_eighths({800, 800}, 0.01), 1);
    // Over many sizes and scales: the eighths chosen give at least the pixels the picture needs,
    // and one eighth fewer would not.
    auto decoded = [](int side, int m) { return (side * m + 7) / 8; };
    for (int side : {1, 7, 333, 1080, 1920, 5001}) {
        for (double scale = 0.02; scale < 1.0; scale += 0.037) {
            int m = media::jpeg_scale_eighths({side, side}, scale);
            long needed = std::max(1L, std::lround(side * scale));
            ASSERT_GE(decoded(side, m), needed) << side << " at " << scale;
            if (m > 1) {
                ASSERT_LT(decoded(side, m - 1), needed) << side << " at " << scale;
            }
        }
    }
}

TEST(Jpeg, AtFullSizeGivesSdlImagesPixelsInThePictureFormat) {
    for (int components : {3, 1}) {
        SCOPED_TRACE(components == 3 ? "colour" : "grey");
        auto bytes = components == 3
                         ? encode(203, 117, 3, JCS_RGB, poster_pixel)
                         : encode(203, 117, 1, JCS_GRAYSCALE, [](int x, int y, unsigned char* p) {
                               p[0] = static_cast<unsigned char>((x * 5 + y) % 256);
                           });
        auto ours = media::decode_jpeg(bytes, 8);
        ASSERT_TRUE(ours.surface) << ours.error;
        EXPECT_EQ(ours.surface->format->format, SDL_PIXELFORMAT_RGB888);
        EXPECT_EQ(ours.full, (Size{203, 117}));
        auto theirs = sdl_image_decode(bytes);
        ASSERT_TRUE(theirs) << IMG_GetError();
        ASSERT_EQ(ours.surface->w, theirs->w);
        ASSERT_EQ(ours.surface->h, theirs->h);
        int differing = 0;
        for (int y = 0; y < theirs->h; ++y)
            for (int x = 0; x < theirs->w; ++x)
                differing += rgb_at(ours.surface.get(), x, y) != rgb_at(theirs.get(), x, y);
        EXPECT_EQ(differing, 0);
    }
}

TEST(Jpeg, LargeImagesAreScaledInTheDecoderToTheSizeShown) {
    // 4000x2000 shown in 1000x1000: a quarter, decoded at 2/8 directly.
    auto bytes = encode(4000, 2000, 3, JCS_RGB, poster_pixel, 85);
    media::DecodeRequest r{"k", "big.jpg", "image/jpeg", {1000, 1000}, Fit::Contain};
    auto d = media::decode_image_bytes(bytes, r);
    ASSERT_TRUE(d.surface) << d.error;
    EXPECT_EQ(d.surface->w, 1000);
    EXPECT_EQ(d.surface->h, 500);
    EXPECT_EQ(d.surface->format->format, SDL_PIXELFORMAT_RGB888);
    // Against the whole image decoded by SDL_image and shrunk: the same picture.
    auto full = sdl_image_decode(bytes);
    ASSERT_TRUE(full);
    media::SurfacePtr full32(SDL_ConvertSurfaceFormat(full.get(), SDL_PIXELFORMAT_RGB888, 0));
    media::SurfacePtr reference(
        SDL_CreateRGBSurfaceWithFormat(0, 1000, 500, 32, SDL_PIXELFORMAT_RGB888));
    ASSERT_EQ(SDL_SoftStretchLinear(full32.get(), nullptr, reference.get(), nullptr), 0);
    double total = 0;
    for (int y = 0; y < 500; y += 3)
        for (int x = 0; x < 1000; x += 3) {
            auto a = rgb_at(d.surface.get(), x, y);
            auto b = rgb_at(reference.get(), x, y);
            for (int c = 0; c < 3; ++c)
                total += std::abs(a[static_cast<std::size_t>(c)] - b[static_cast<std::size_t>(c)]);
        }
    double mean = total / (167.0 * 334.0 * 3.0);
    EXPECT_LT(mean, 4.0); // 1.4 here; 59 with red and blue swapped.

    // Between two eighths (4961x3508 into 1920x1080 is 0.31: decoded at 3/8, then shrunk).
    auto odd = encode(4961, 3508, 3, JCS_RGB, poster_pixel, 70);
    auto d2 = media::decode_image_bytes(odd, {"k", "odd.jpg", "", {1920, 1080}, Fit::Contain});
    ASSERT_TRUE(d2.surface) << d2.error;
    EXPECT_EQ(d2.surface->w, 1527);
    EXPECT_EQ(d2.surface->h, 1080);
}

TEST(Jpeg, CmykGoesTheOtherWay) {
    auto bytes = encode(64, 40, 4, JCS_CMYK, [](int x, int y, unsigned char* p) {
        p[0] = static_cast<unsigned char>(x * 4);
        p[1] = static_cast<unsigned char>(y * 6);
        p[2] = 0;
        p[3] = 255;
    });
    auto ours = media::decode_jpeg(bytes, 8);
    EXPECT_FALSE(ours.surface);
    EXPECT_TRUE(ours.unsupported);
    // decode_image still shows it, through SDL_image.
    auto d = media::decode_image_bytes(bytes, {"k", "print.jpg", "", {64, 40}, Fit::Contain});
    ASSERT_TRUE(d.surface) << d.error;
    EXPECT_EQ(d.surface->w, 64);
    EXPECT_EQ(d.surface->h, 40);
}

TEST(Jpeg, BrokenDataIsAnErrorNotACrash) {
    auto good = encode(64, 40, 3, JCS_RGB, poster_pixel);
    // A frame header that claims no components.
    std::string broken = good;
    auto sof = broken.find("\xFF\xC0");
    ASSERT_NE(sof, std::string::npos);
    broken[sof + 9] = 0;
    auto r = media::decode_jpeg(broken, 8);
    EXPECT_FALSE(r.surface);
    EXPECT_FALSE(r.unsupported);
    EXPECT_FALSE(r.error.empty());
    // Cut inside the header.
    auto cut = media::decode_jpeg(good.substr(0, 30), 8);
    EXPECT_FALSE(cut.surface);
    EXPECT_FALSE(cut.error.empty());
    // And the same decode still works after those (nothing left behind by the jumps).
    EXPECT_TRUE(media::decode_jpeg(good, 8).surface);
}

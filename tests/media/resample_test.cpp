// Pictures shrunk without moiré, and a damaged PNG named in the program's own message.
#include "kiosk/content/bundle.hpp"
#include "kiosk/media/image_loader.hpp"
#include "kiosk/media/resample.hpp"

#include <SDL.h>
#include <SDL_image.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

using namespace kiosk;

namespace {

// Every channel of every pixel of `s`, lowest and highest.
std::pair<int, int> value_range(SDL_Surface* s) {
    int lo = 255, hi = 0;
    for (int y = 0; y < s->h; ++y)
        for (int x = 0; x < s->w; ++x) {
            Uint32 v = static_cast<const Uint32*>(s->pixels)[y * s->pitch / 4 + x];
            Uint8 c[3];
            SDL_GetRGB(v, s->format, &c[0], &c[1], &c[2]);
            for (Uint8 k : c) {
                lo = std::min<int>(lo, k);
                hi = std::max<int>(hi, k);
            }
        }
    return {lo, hi};
}

// 4000x1000, 1-pixel black and white stripes, as a PNG written by SDL_image.
std::string stripes_png(bool vertical) {
    media::SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, 4000, 1000, 32, SDL_PIXELFORMAT_RGB888));
    for (int y = 0; y < s->h; ++y)
        for (int x = 0; x < s->w; ++x)
            static_cast<Uint32*>(s->pixels)[y * s->pitch / 4 + x] =
                ((vertical ? x : y) % 2 == 0) ? 0xFFFFFFu : 0u;
    auto path = std::filesystem::temp_directory_path() /
                ("kiosk-stripes-" + std::to_string(::getpid()) + ".png");
    EXPECT_EQ(IMG_SavePNG(s.get(), path.c_str()), 0);
    auto bytes = content::read_file(path, 64u << 20);
    std::filesystem::remove(path);
    return bytes ? *bytes : std::string();
}

} // namespace

TEST(Resample, OnePixelStripesShownFourTimesSmallerAreFlatGrey) {
    auto webp = content::read_file(std::string(KIOSK_TEST_DIR) + "/media/images/stripes-4000.webp",
                                   1u << 20);
    ASSERT_TRUE(webp);
    struct Case {
        std::string bytes;
        const char* name;
    };
    for (const auto& c : {Case{*webp, "stripes.webp"}, Case{stripes_png(true), "stripes.png"},
                          Case{stripes_png(false), "lines.png"}}) {
        // A 960-wide screen: the picture is shown 960x240.
        auto d = media::decode_image_bytes(c.bytes, {"k", c.name, "", {960, 540}, Fit::Contain});
        ASSERT_TRUE(d.surface) << c.name << ": " << d.error;
        ASSERT_EQ(d.surface->w, 960) << c.name;
        ASSERT_EQ(d.surface->h, 240) << c.name;
        auto [lo, hi] = value_range(d.surface.get());
        // Sampled every 4.17 pixels, this was moiré from 0 to 255; filtered, it is 128 or so.
        EXPECT_GE(lo, 112) << c.name;
        EXPECT_LE(hi, 144) << c.name;
    }
}

TEST(Resample, ShrinkingByHalfOrLessStaysBilinearAndKeepsTheFormat) {
    media::SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, 100, 50, 32, SDL_PIXELFORMAT_ARGB8888));
    SDL_FillRect(s.get(), nullptr, SDL_MapRGBA(s->format, 10, 200, 30, 128));
    for (Size size : {Size{60, 30}, Size{20, 10}, Size{200, 100}}) {
        auto out = media::resize_surface(s.get(), size);
        ASSERT_TRUE(out);
        EXPECT_EQ(out->w, size.w);
        EXPECT_EQ(out->h, size.h);
        EXPECT_EQ(out->format->format, SDL_PIXELFORMAT_ARGB8888);
        Uint8 r, g, b, a;
        SDL_GetRGBA(static_cast<const Uint32*>(out->pixels)[out->w / 2], out->format, &r, &g, &b,
                    &a);
        // A flat colour stays that colour, alpha too (no dark fringe from weighting by it).
        EXPECT_NEAR(r, 10, 2);
        EXPECT_NEAR(g, 200, 2);
        EXPECT_NEAR(b, 30, 2);
        EXPECT_NEAR(a, 128, 2);
    }
}

TEST(PngErrors, LibpngsMessageGoesIntoTheErrorNotOntoStandardError) {
    auto png = stripes_png(true);
    // The first image data chunk's checksum spoilt.
    auto idat = png.find("IDAT");
    ASSERT_NE(idat, std::string::npos);
    std::size_t length = 0;
    for (std::size_t k = idat - 4; k < idat; ++k)
        length = length << 8 | static_cast<unsigned char>(png[k]);
    std::string bad_crc = png;
    bad_crc[idat + 4 + length] = static_cast<char>(bad_crc[idat + 4 + length] ^ 0x55);
    std::string cut = png.substr(0, png.size() * 2 / 3);
    for (const auto& [bytes, expect] : {std::pair{bad_crc, "CRC"}, std::pair{cut, ""}}) {
        testing::internal::CaptureStderr();
        auto d = media::decode_image_bytes(bytes,
                                           {"k", "posters/bad.png", "", {960, 540}, Fit::Contain});
        std::string printed = testing::internal::GetCapturedStderr();
        EXPECT_FALSE(d.surface);
        EXPECT_EQ(printed, "");
        EXPECT_NE(d.error.find("bad.png: cannot be decoded (libpng: "), std::string::npos)
            << d.error;
        EXPECT_NE(d.error.find(expect), std::string::npos) << d.error;
    }
}

// Photos turned upright by their EXIF orientation, in every format that carries one, at the size
// the fit asks for.
#include "kiosk/content/bundle.hpp"
#include "kiosk/media/image_loader.hpp"
#include "kiosk/media/orientation.hpp"

#include <SDL.h>
#include <gtest/gtest.h>

#include <string>

using namespace kiosk;

namespace {

std::string fixture(const std::string& name) {
    auto bytes =
        content::read_file(std::string(KIOSK_TEST_DIR) + "/media/images/exif/" + name, 1u << 20);
    EXPECT_TRUE(bytes) << name;
    return bytes ? *bytes : std::string();
}

SDL_Color pixel(SDL_Surface* s, int x, int y) {
    Uint32 v = static_cast<const Uint32*>(s->pixels)[y * s->pitch / 4 + x];
    SDL_Color c{};
    SDL_GetRGBA(v, s->format, &c.r, &c.g, &c.b, &c.a);
    return c;
}

// The fixtures' upright scene (tests/media/images/exif/make-fixtures.py): red top left, green top
// right, blue bottom left, yellow bottom right, sampled at the middle of each quarter.
void expect_upright(SDL_Surface* s, const std::string& what) {
    ASSERT_NE(s, nullptr) << what;
    ASSERT_GT(s->w, s->h) << what << ": still standing on its side";
    struct Expected {
        int x, y;
        bool r, g, b;
        const char* name;
    };
    for (const auto& e : {Expected{1, 1, true, false, false, "red top left"},
                          Expected{3, 1, false, true, false, "green top right"},
                          Expected{1, 3, false, false, true, "blue bottom left"},
                          Expected{3, 3, true, true, false, "yellow bottom right"}}) {
        SDL_Color c = pixel(s, e.x * s->w / 4, e.y * s->h / 4);
        auto on = [](Uint8 v, bool want) { return want ? v > 200 : v < 60; };
        EXPECT_TRUE(on(c.r, e.r) && on(c.g, e.g) && on(c.b, e.b))
            << what << ": " << e.name << " is " << int(c.r) << "," << int(c.g) << "," << int(c.b);
    }
}

} // namespace

TEST(ExifOrientation, IsReadFromJpegPngAndWebp) {
    for (const char* ext : {"jpg", "png", "webp"})
        for (int o = 1; o <= 8; ++o) {
            auto name = "orientation-" + std::to_string(o) + "." + ext;
            EXPECT_EQ(media::exif_orientation(fixture(name)), o) << name;
        }
    EXPECT_EQ(media::exif_orientation("\xFF\xD8\xFF\xE1\x00\x04\x00\x00"), 1); // Cut short.
    EXPECT_EQ(media::exif_orientation("not an image"), 1);
}

TEST(ExifOrientation, EveryValueIsShownUprightInEveryFormat) {
    for (const char* ext : {"jpg", "png", "webp"})
        for (int o = 1; o <= 8; ++o) {
            auto name = "orientation-" + std::to_string(o) + "." + ext;
            auto bytes = fixture(name);
            auto d = media::decode_image_bytes(bytes, {"k", name, "", {48, 32}, Fit::Contain});
            ASSERT_TRUE(d.surface) << name << ": " << d.error;
            EXPECT_EQ(d.surface->w, 48) << name;
            EXPECT_EQ(d.surface->h, 32) << name;
            expect_upright(d.surface.get(), name);
        }
}

TEST(ExifOrientation, FitAndCoverScaleTheUprightPicture) {
    // Stored 32x48, upright 48x32. Fitted into 24x16 it is shown at half size, 24x16 (scaled
    // as stored it would come out 16x11); covering 12x12 it is 18x12, its height filling it.
    for (const char* ext : {"jpg", "png"}) {
        auto name = std::string("orientation-6.") + ext;
        auto bytes = fixture(name);
        auto fit = media::decode_image_bytes(bytes, {"k", name, "", {24, 16}, Fit::Contain});
        ASSERT_TRUE(fit.surface) << fit.error;
        EXPECT_EQ(fit.surface->w, 24) << name;
        EXPECT_EQ(fit.surface->h, 16) << name;
        expect_upright(fit.surface.get(), name + " fitted");
        auto cover = media::decode_image_bytes(bytes, {"k", name, "", {12, 12}, Fit::Cover});
        ASSERT_TRUE(cover.surface) << cover.error;
        EXPECT_EQ(cover.surface->w, 18) << name;
        EXPECT_EQ(cover.surface->h, 12) << name;
    }
}

TEST(ExifOrientation, SizesSwapForAQuarterTurn) {
    for (int o = 1; o <= 8; ++o) {
        Size s = media::oriented_size({4000, 3000}, o);
        EXPECT_EQ(s, (o >= 5 ? Size{3000, 4000} : Size{4000, 3000})) << o;
    }
}

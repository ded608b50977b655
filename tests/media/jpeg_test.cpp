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
#include <optional>
#include <string>
#include <vector>

#include <jpeglib.h>

using namespace kiosk;

namespace {

struct EncodeOptions {
    int quality{92};
    std::optional<J_COLOR_SPACE> stored_as; // jpeg_set_colorspace (YCCK for CMYK input, say).
    std::optional<bool> adobe_marker;       // What libjpeg chose, unless given.
    std::vector<jpeg_scan_info> scans;      // A scan script of one's own (progressive).
};

EncodeOptions at_quality(int q) {
    EncodeOptions o;
    o.quality = q;
    return o;
}

// A JPEG of w x h made with libjpeg: `pixel(x, y, out)` writes the sample's components.
std::string encode(int w, int h, int components, J_COLOR_SPACE space,
                   const std::function<void(int, int, unsigned char*)>& pixel,
                   const EncodeOptions& o = {}) {
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
    jpeg_set_quality(&c, o.quality, TRUE);
    if (o.stored_as)
        jpeg_set_colorspace(&c, *o.stored_as);
    if (o.adobe_marker)
        c.write_Adobe_marker = *o.adobe_marker ? TRUE : FALSE;
    if (!o.scans.empty()) {
        c.scan_info = o.scans.data();
        c.num_scans = static_cast<int>(o.scans.size());
    }
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
    EXPECT_EQ(media::jpeg_scale_eighths({1920, 1080}, {1920, 1080}), 8);
    EXPECT_EQ(media::jpeg_scale_eighths({1920, 1080}, {3264, 1836}), 8); // Never enlarged.
    EXPECT_EQ(media::jpeg_scale_eighths({3840, 2160}, {1920, 1080}), 4);
    EXPECT_EQ(media::jpeg_scale_eighths({4961, 3508}, {1527, 1080}), 3);
    EXPECT_EQ(media::jpeg_scale_eighths({3840, 2160}, {1921, 1080}), 5); // One pixel over a half.
    EXPECT_EQ(media::jpeg_scale_eighths({800, 800}, {8, 8}), 1);
    // Over many sizes: the eighths chosen give at least the pixels shown, and one eighth fewer
    // would not.
    auto decoded = [](int side, int m) { return (side * m + 7) / 8; };
    for (int side : {1, 7, 333, 1080, 1920, 5001}) {
        for (int shown = 1; shown <= side; shown += std::max(1, side / 29)) {
            int m = media::jpeg_scale_eighths({side, side}, {shown, shown});
            ASSERT_GE(decoded(side, m), shown) << side << " shown at " << shown;
            if (m > 1) {
                ASSERT_LT(decoded(side, m - 1), shown) << side << " shown at " << shown;
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
    auto bytes = encode(4000, 2000, 3, JCS_RGB, poster_pixel, at_quality(85));
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
    auto odd = encode(4961, 3508, 3, JCS_RGB, poster_pixel, at_quality(70));
    auto d2 = media::decode_image_bytes(odd, {"k", "odd.jpg", "", {1920, 1080}, Fit::Contain});
    ASSERT_TRUE(d2.surface) << d2.error;
    EXPECT_EQ(d2.surface->w, 1527);
    EXPECT_EQ(d2.surface->h, 1080);
}

TEST(Jpeg, TheDecoderItselfScalesByEighths) {
    auto bytes = encode(4000, 2000, 3, JCS_RGB, poster_pixel, at_quality(80));
    auto quarter = media::decode_jpeg(bytes, 2);
    ASSERT_TRUE(quarter.surface) << quarter.error;
    EXPECT_EQ(quarter.surface->w, 1000);
    EXPECT_EQ(quarter.surface->h, 500);
    EXPECT_EQ(quarter.full, (Size{4000, 2000}));
    auto odd = media::decode_jpeg(encode(4961, 3508, 3, JCS_RGB, poster_pixel, at_quality(60)), 3);
    ASSERT_TRUE(odd.surface) << odd.error;
    EXPECT_EQ(odd.surface->w, 1861); // 4961 * 3/8, rounded up.
    EXPECT_EQ(odd.surface->h, 1316);
}

TEST(Jpeg, PrintInksAreTurnedIntoScreenColours) {
    // Left: full cyan. Right: half black. In the inverted inks of an Adobe-marked file
    // (Photoshop's way, 255 is no ink), then as plain inks without the marker, then stored as YCCK.
    auto inverted = [](int x, int, unsigned char* p) {
        bool cyan = x < 32;
        p[0] = cyan ? 0 : 255;
        p[1] = 255;
        p[2] = 255;
        p[3] = cyan ? 255 : 128;
    };
    auto plain = [](int x, int, unsigned char* p) {
        bool cyan = x < 32;
        p[0] = cyan ? 255 : 0;
        p[1] = 0;
        p[2] = 0;
        p[3] = cyan ? 0 : 127;
    };
    struct Case {
        const char* name;
        std::string bytes;
    };
    EncodeOptions no_marker;
    no_marker.adobe_marker = false;
    EncodeOptions ycck;
    ycck.stored_as = JCS_YCCK;
    for (const auto& c : {Case{"inverted, Adobe marker", encode(64, 40, 4, JCS_CMYK, inverted)},
                          Case{"plain, no marker", encode(64, 40, 4, JCS_CMYK, plain, no_marker)},
                          Case{"YCCK", encode(64, 40, 4, JCS_CMYK, inverted, ycck)}}) {
        SCOPED_TRACE(c.name);
        auto r = media::decode_jpeg(c.bytes, 8);
        ASSERT_TRUE(r.surface) << r.error;
        EXPECT_EQ(r.surface->format->format, SDL_PIXELFORMAT_RGB888);
        auto near = [](std::array<Uint8, 3> got, std::array<int, 3> want) {
            for (std::size_t i = 0; i < 3; ++i)
                if (std::abs(got[i] - want[i]) > 6)
                    return false;
            return true;
        };
        EXPECT_TRUE(near(rgb_at(r.surface.get(), 10, 20), {0, 255, 255}));
        EXPECT_TRUE(near(rgb_at(r.surface.get(), 50, 20), {128, 128, 128}));
        // The same through decode_image, at half the size.
        auto d = media::decode_image_bytes(c.bytes, {"k", "print.jpg", "", {32, 20}, Fit::Contain});
        ASSERT_TRUE(d.surface) << d.error;
        EXPECT_EQ(d.surface->w, 32);
        EXPECT_TRUE(near(rgb_at(d.surface.get(), 5, 10), {0, 255, 255}));
    }
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
    // A second frame header after the image: the error comes once its pixels are decoded, when
    // the picture has been made (and is freed: the sanitizer build would see a leak).
    std::string twice = good;
    auto end = twice.rfind("\xFF\xD9");
    ASSERT_NE(end, std::string::npos);
    twice.insert(end, good.substr(sof, 2 + 17));
    auto late = media::decode_jpeg(twice, 8);
    EXPECT_FALSE(late.surface);
    EXPECT_FALSE(late.error.empty());
    // And the same decode still works after those (nothing left behind by the jumps).
    EXPECT_TRUE(media::decode_jpeg(good, 8).surface);
}

TEST(Jpeg, TooManyScansAreRefused) {
    // A valid progressive JPEG of 760 scans: DC in four steps of precision, then each of the 63
    // frequencies of each of the three components in four. Encoders write about ten.
    auto scan = [](int component, int ss, int se, int ah, int al) {
        jpeg_scan_info s{};
        s.comps_in_scan = component < 0 ? 3 : 1;
        for (int i = 0; i < s.comps_in_scan; ++i)
            s.component_index[i] = component < 0 ? i : component;
        s.Ss = ss;
        s.Se = se;
        s.Ah = ah;
        s.Al = al;
        return s;
    };
    EncodeOptions many;
    many.scans.push_back(scan(-1, 0, 0, 0, 3));
    for (int al = 2; al >= 0; --al)
        many.scans.push_back(scan(-1, 0, 0, al + 1, al));
    for (int c = 0; c < 3; ++c) {
        for (int k = 1; k <= 63; ++k) {
            many.scans.push_back(scan(c, k, k, 0, 3));
            for (int al = 2; al >= 0; --al)
                many.scans.push_back(scan(c, k, k, al + 1, al));
        }
    }
    ASSERT_EQ(many.scans.size(), 760u);
    auto bytes = encode(16, 16, 3, JCS_RGB, poster_pixel, many);
    // libjpeg itself reads it.
    auto whole = sdl_image_decode(bytes);
    ASSERT_TRUE(whole) << IMG_GetError();
    auto r = media::decode_jpeg(bytes, 8);
    EXPECT_FALSE(r.surface);
    EXPECT_NE(r.error.find("more than 500 scans"), std::string::npos) << r.error;
    // Ten are fine.
    EncodeOptions few;
    few.scans.assign(many.scans.begin(), many.scans.begin() + 4);
    for (int c = 0; c < 3; ++c)
        few.scans.push_back(scan(c, 1, 63, 0, 0));
    auto fine = media::decode_jpeg(encode(16, 16, 3, JCS_RGB, poster_pixel, few), 8);
    EXPECT_TRUE(fine.surface) << fine.error;
}

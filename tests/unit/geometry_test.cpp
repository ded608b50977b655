#include "kiosk/core/color.hpp"
#include "kiosk/core/geometry.hpp"

#include <gtest/gtest.h>

using namespace kiosk;

TEST(Geometry, FitLetterboxesAPortraitPosterInALandscapeArea) {
    auto p = place_image({1080, 1920}, {0, 100, 1920, 900}, Fit::Contain);
    EXPECT_EQ(p.dst, (Rect{707, 100, 506, 900}));
    EXPECT_DOUBLE_EQ(p.src.w, 1080);
    EXPECT_DOUBLE_EQ(p.src.h, 1920);
}

TEST(Geometry, FitPillarboxesAWidePosterInAPortraitArea) {
    auto p = place_image({1920, 1080}, {0, 0, 1080, 1600}, Fit::Contain);
    EXPECT_EQ(p.dst.w, 1080);
    EXPECT_EQ(p.dst.h, 608);
    EXPECT_EQ(p.dst.y, (1600 - 608) / 2);
}

TEST(Geometry, CoverCropsAtTheCentreAndFillsTheArea) {
    auto p = place_image({2000, 1000}, {10, 20, 1000, 1000}, Fit::Cover);
    EXPECT_EQ(p.dst, (Rect{10, 20, 1000, 1000}));
    EXPECT_DOUBLE_EQ(p.src.x, 500);
    EXPECT_DOUBLE_EQ(p.src.w, 1000);
    EXPECT_DOUBLE_EQ(p.src.h, 1000);
}

TEST(Geometry, CoverOfATallImageCropsTopAndBottom) {
    auto p = place_image({1000, 3000}, {0, 0, 1920, 1080}, Fit::Cover);
    EXPECT_DOUBLE_EQ(p.src.x, 0);
    EXPECT_DOUBLE_EQ(p.src.w, 1000);
    EXPECT_NEAR(p.src.h, 1000 * 1080.0 / 1920, 1e-9);
    EXPECT_NEAR(p.src.y, (3000 - p.src.h) / 2, 1e-9);
}

TEST(Geometry, DegenerateInputsPlaceNothing) {
    EXPECT_TRUE(place_image({0, 100}, {0, 0, 10, 10}, Fit::Contain).dst.empty());
    EXPECT_TRUE(place_image({100, 100}, {0, 0, 0, 10}, Fit::Cover).dst.empty());
}

TEST(Geometry, ParsesSizes) {
    EXPECT_EQ(parse_size("1920x1080"), (Size{1920, 1080}));
    EXPECT_EQ(parse_size("3840x2160"), (Size{3840, 2160}));
    EXPECT_FALSE(parse_size("1920"));
    EXPECT_FALSE(parse_size("0x1080"));
    EXPECT_FALSE(parse_size("1920x-1"));
    EXPECT_FALSE(parse_size("1920x1080x3"));
    EXPECT_FALSE(parse_size("99999x10"));
    EXPECT_FALSE(parse_size("16384x16384"));
    EXPECT_EQ(parse_size("7680x4320"), (Size{7680, 4320}));
}

TEST(Color, ParsesHex) {
    EXPECT_EQ(parse_color("#B5121B"), (Color{0xB5, 0x12, 0x1B, 255}));
    EXPECT_FALSE(parse_color("B5121B"));
    EXPECT_FALSE(parse_color("#B5121G"));
    EXPECT_EQ(with_alpha(Color{1, 2, 3, 255}, 0.5).a, 128);
}

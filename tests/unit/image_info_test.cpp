// The image header check: formats by content, sizes from headers, broken headers refused.
#include "kiosk/core/image_info.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <string>

using namespace kiosk;

namespace {

std::string png_header(std::uint32_t w, std::uint32_t h) {
    std::string b = "\x89PNG\r\n\x1A\n";
    b += std::string("\0\0\0\x0D", 4) + "IHDR";
    for (std::uint32_t v : {w, h})
        for (int shift = 24; shift >= 0; shift -= 8)
            b += static_cast<char>((v >> shift) & 0xFF);
    b += std::string("\x08\x02\0\0\0", 5);
    return b;
}

} // namespace

TEST(ImageInfo, ReadsAPngHeader) {
    auto info = read_image_info(png_header(1920, 1080));
    ASSERT_TRUE(info);
    EXPECT_EQ(info->mime, "image/png");
    EXPECT_EQ(info->width, 1920);
    EXPECT_EQ(info->height, 1080);
}

TEST(ImageInfo, APngSideAboveTheFormatsMaximumIsABrokenHeader) {
    // Found by the image_info fuzzer: 0xC8C8C8C8 came back as a negative width.
    EXPECT_FALSE(read_image_info(png_header(0xC8C8C8C8, 16)));
    EXPECT_FALSE(read_image_info(png_header(16, 0x80000000)));
    auto largest = read_image_info(png_header(0x7FFFFFFF, 1));
    ASSERT_TRUE(largest);
    EXPECT_EQ(largest->width, INT_MAX);
}

TEST(ImageInfo, SvgSizesTooLargeForAnIntAreTheLargestNotZero) {
    // Zero means "the file does not say", which would let the pixel cap pass it.
    auto huge =
        read_image_info(R"(<svg xmlns="http://www.w3.org/2000/svg" width="1e300" height="5">)");
    ASSERT_TRUE(huge);
    EXPECT_EQ(huge->width, INT_MAX);
    EXPECT_EQ(huge->height, 5);
    auto box = read_image_info(R"(<svg viewBox="0 0 9e99 10">)");
    ASSERT_TRUE(box);
    EXPECT_EQ(box->width, INT_MAX);
    auto nan = read_image_info(R"(<svg viewBox="0 0 nan 10">)");
    ASSERT_TRUE(nan);
    EXPECT_EQ(nan->width, 0);
}

TEST(ImageInfo, RecognisesByContentNotName) {
    EXPECT_FALSE(read_image_info("GIF89a\x01\x00\x01\x00"));
    EXPECT_FALSE(read_image_info(""));
    EXPECT_FALSE(read_image_info("\xFF\xD8\xFF"));
    auto svg =
        read_image_info("\xEF\xBB\xBF  <?xml version=\"1.0\"?><svg width=\"30\" height=\"20\">");
    ASSERT_TRUE(svg);
    EXPECT_EQ(svg->mime, "image/svg+xml");
    EXPECT_EQ(svg->width, 30);
}

TEST(ImageInfo, AJpegWithoutItsEndMarkerIsNotComplete) {
    // SOI, a frame header (SOF0, 16x8), the start of scan, data and EOI.
    std::string sof("\xFF\xC0\x00\x11\x08\x00\x08\x00\x10\x03\x01\x11\x00\x02\x11\x01\x03\x11\x01",
                    19);
    std::string sos("\xFF\xDA\x00\x0C\x03\x01\x00\x02\x11\x03\x11\x00\x3F\x00", 14);
    std::string whole = std::string("\xFF\xD8", 2) + sof + sos + "\x12\x34\x56\x78" + "\xFF\xD9";
    auto info = read_image_info(whole);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->width, 16);
    EXPECT_EQ(info->height, 8);
    EXPECT_TRUE(info->complete);
    auto cut = read_image_info(whole.substr(0, whole.size() - 4));
    ASSERT_TRUE(cut);
    EXPECT_FALSE(cut->complete);
    auto before_data = read_image_info(std::string("\xFF\xD8", 2) + sof + "\xFF\xC4\x00");
    ASSERT_TRUE(before_data);
    EXPECT_FALSE(before_data->complete);
}

TEST(ImageInfo, SvgsThatAreTooBigEntityLadenOrTooDeepAreRefused) {
    EXPECT_FALSE(svg_refusal(R"(<svg><g><rect width="1" height="1"/></g><!-- <<<< --></svg>)"));
    EXPECT_FALSE(svg_refusal(R"(<?xml version="1.0"?><svg><text title="a > b">x</text></svg>)"));
    auto big = svg_refusal("<svg>" + std::string(kMaxSvgBytes, ' ') + "</svg>");
    ASSERT_TRUE(big);
    EXPECT_NE(big->find("more than the limit of 8 MiB"), std::string::npos) << *big;
    auto entity =
        svg_refusal(R"(<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>)");
    ASSERT_TRUE(entity);
    EXPECT_NE(entity->find("entities"), std::string::npos);
    std::string deep = "<svg>";
    for (int i = 0; i < kMaxSvgDepth; ++i)
        deep += "<g>";
    auto too_deep = svg_refusal(deep);
    ASSERT_TRUE(too_deep);
    EXPECT_NE(too_deep->find("deeper than 64"), std::string::npos);
    std::string flat = "<svg>";
    for (int i = 0; i < 1000; ++i)
        flat += "<g/><g></g>";
    EXPECT_FALSE(svg_refusal(flat + "</svg>"));
}

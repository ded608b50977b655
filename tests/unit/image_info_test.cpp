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

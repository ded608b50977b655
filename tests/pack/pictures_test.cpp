// kiosk-pack check decodes every picture as a display does, upright, and judges the header logo.
#include "source_folder.hpp"

#include "picture_check.hpp"

#include "kiosk/content/bundle.hpp"

using namespace kiosk;
using namespace kiosk::pack;
using kiosk::pack::test::mentions;
using kiosk::pack::test::SourceFolder;
namespace fs = std::filesystem;

namespace {

std::string sample(const std::string& name) {
    return kiosk::pack::test::repo_file("tools/sample/source/" + name);
}

std::string test_image(const std::string& name) {
    return kiosk::pack::test::repo_file("tests/media/images/" + name);
}

} // namespace

TEST_F(SourceFolder, ADamagedOrCutShortPngFailsCheckWithLibpngsWords) {
    // Both have a whole header: reading only headers, check passed them and the displays then
    // skipped the slides.
    std::string png = sample("posters/epidemic.png");
    auto idat = png.find("IDAT");
    std::size_t length = 0;
    for (std::size_t k = idat - 4; k < idat; ++k)
        length = length << 8 | static_cast<unsigned char>(png[k]);
    std::string bad_crc = png;
    bad_crc[idat + 4 + length] = static_cast<char>(bad_crc[idat + 4 + length] ^ 0x55);
    write("posters/bad-crc.png", bad_crc);
    write("posters/cut.png", png.substr(0, png.size() / 2) + png.substr(png.size() - 12));
    settings(std::string(kGood) + "[slide a]\nposter = posters/bad-crc.png\n[slide b]\nposter = "
                                  "posters/cut.png\n");
    Problems p;
    EXPECT_FALSE(pack(p));
    EXPECT_TRUE(mentions(p, "settings.ini", 38,
                         "\"posters/bad-crc.png\" cannot be decoded (libpng: IDAT: CRC error): "
                         "the displays would skip this slide"))
        << p.report();
    EXPECT_TRUE(mentions(p, "settings.ini", 40, "\"posters/cut.png\" cannot be decoded (libpng: "))
        << p.report();
}

TEST_F(SourceFolder, APhotosSizeIsTakenUpright) {
    // Stored 32x48, shown 48x32 by its EXIF orientation 6.
    write("posters/phone.jpg", test_image("exif/orientation-6.jpg"));
    settings(std::string(kGood) + "[slide phone]\nposter = posters/phone.jpg\n");
    Problems p;
    EXPECT_TRUE(pack(p)) << p.report();
    EXPECT_TRUE(mentions(p, "settings.ini", 38, "\"posters/phone.jpg\" is 48x32, much smaller"))
        << p.report();
}

TEST_F(SourceFolder, TheSampleLogoPassesAndABadLogoIsWarnedAbout) {
    fs::create_directories(m_dir / "assets");
    auto with_logo = [&](const std::string& file, const std::string& primary) {
        std::string text = kGood;
        text.replace(text.find("[ticker]"), 0,
                     "logo = " + file + "\nprimary = " + primary + "\n\n");
        settings(text);
    };
    write("assets/logo.svg", sample("assets/logo.svg"));
    with_logo("assets/logo.svg", "#B5121B");
    Problems good;
    EXPECT_TRUE(pack(good)) << good.report();
    EXPECT_FALSE(mentions(good, "settings.ini", -1, "logo")) << good.report();

    // 48x32 raster: smaller than its 82x82 square at 1920x1080.
    write("assets/small.png", test_image("exif/orientation-1.png"));
    with_logo("assets/small.png", "#B5121B");
    Problems small;
    EXPECT_TRUE(pack(small)) << small.report();
    EXPECT_TRUE(mentions(small, "settings.ini", 8,
                         "\"assets/small.png\" is 48x32, smaller than the 82x82 square it fills in "
                         "the header of a 1920x1080 screen: it will look blurred"))
        << small.report();
    EXPECT_FALSE(mentions(small, "settings.ini", 8, "stands out")) << small.report();

    // A banner ten times as wide as it is tall, in a dark red close to the header's.
    write("assets/banner.svg", R"(<svg xmlns="http://www.w3.org/2000/svg" width="1000" )"
                               R"(height="100"><rect width="1000" height="100" fill="#8A1018"/>)"
                               "</svg>");
    with_logo("assets/banner.svg", "#B5121B");
    Problems banner;
    EXPECT_TRUE(pack(banner)) << banner.report();
    EXPECT_TRUE(mentions(banner, "settings.ini", 8, "x8 in its 82x82 square")) // About 82x8.
        << banner.report();
    EXPECT_TRUE(mentions(banner, "settings.ini", 8,
                         "hardly stands out from the header colour #B5121B: only 0% of it"))
        << banner.report();
    // On a light header the same banner stands out.
    with_logo("assets/banner.svg", "#F0F0F0");
    Problems light;
    EXPECT_TRUE(pack(light)) << light.report();
    EXPECT_FALSE(mentions(light, "settings.ini", 8, "stands out")) << light.report();
}

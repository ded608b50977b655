#include "kiosk/content/bundle.hpp"
#include "kiosk/content/sha256.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace kiosk;
using namespace kiosk::content;
namespace fs = std::filesystem;

namespace {

class BundleDir : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("kiosk-bundle-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir / "data");
    }
    void TearDown() override { fs::remove_all(m_dir); }

    void write(const std::string& name, const std::string& bytes) {
        std::ofstream(m_dir / name, std::ios::binary) << bytes;
    }
    std::string asset(const std::string& name, const std::string& bytes, const std::string& type) {
        write(name, bytes);
        return "\"" + name + "\": {\"sha256\": \"" + sha256_hex(bytes) +
               "\", \"size\": " + std::to_string(bytes.size()) + ", \"type\": \"" + type + "\"}";
    }
    void manifest(const std::string& assets, const std::string& slides,
                  const std::string& playlist) {
        write("manifest.json", R"({"schema_version": 1, "bundle_version": 5,
          "time_zone": {"name": "Asia/Shanghai", "utc_offset": "+08:00"}, "theme": {"header": "H"},
          "assets": {)" + assets + R"(}, "slides": [)" +
                                   slides + R"(], "playlist": [)" + playlist + "]}");
    }
    fs::path m_dir;
};

const std::string kTimetable =
    R"({"events": [{"title": "启动仪式", "start": "2020-11-08T09:00:00+08:00", "end": "2020-11-08T11:00:00+08:00"}]})";

} // namespace

TEST_F(BundleDir, LoadsVerifiedAssetsAndData) {
    manifest(
        asset("data/t.json", kTimetable, "application/json") + "," +
            asset("p.png", "png bytes", "image/png"),
        R"({"id": "s", "kind": "schedule", "data": "data/t.json"}, {"id": "p", "kind": "image", "asset": "p.png"})",
        R"("s", "p")");
    auto b = load_bundle(m_dir);
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_TRUE((*b)->problems.empty());
    EXPECT_EQ((*b)->manifest.playlist.size(), 2u);
    ASSERT_TRUE((*b)->timetables.contains("data/t.json"));
    EXPECT_EQ((*b)->timetables.at("data/t.json").events.size(), 1u);
}

TEST_F(BundleDir, ATamperedAssetDropsOnlyItsSlide) {
    manifest(
        asset("data/t.json", kTimetable, "application/json") + "," +
            asset("p.png", "png bytes", "image/png"),
        R"({"id": "s", "kind": "schedule", "data": "data/t.json"}, {"id": "p", "kind": "image", "asset": "p.png"})",
        R"("s", "p")");
    write("p.png", "PNG BYTES"); // Same size, other content.
    auto b = load_bundle(m_dir);
    ASSERT_TRUE(b);
    EXPECT_EQ((*b)->manifest.playlist, (std::vector<std::string>{"s"}));
    ASSERT_FALSE((*b)->problems.empty());
    EXPECT_NE((*b)->problems[0].find("p.png: SHA-256 does not match"), std::string::npos);
}

TEST_F(BundleDir, AMissingFileAndABadDataFileAreNamed) {
    manifest(
        asset("data/t.json", "{\"events\": 3}", "application/json") + "," +
            asset("p.png", "x", "image/png"),
        R"({"id": "s", "kind": "schedule", "data": "data/t.json"}, {"id": "p", "kind": "image", "asset": "p.png"})",
        R"("s", "p")");
    fs::remove(m_dir / "p.png");
    auto b = load_bundle(m_dir);
    ASSERT_TRUE(b);
    EXPECT_TRUE((*b)->manifest.playlist.empty());
    std::string all;
    for (const auto& p : (*b)->problems)
        all += p + "\n";
    EXPECT_NE(all.find("p.png"), std::string::npos) << all;
    EXPECT_NE(all.find("data/t.json: field \"events\" must be a list"), std::string::npos) << all;
}

TEST_F(BundleDir, NoManifestFailsNamingTheFile) {
    auto b = load_bundle(m_dir);
    ASSERT_FALSE(b);
    EXPECT_NE(b.error().message.find("manifest.json"), std::string::npos);
}

TEST(Sha256, KnownVector) {
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

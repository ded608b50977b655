// settings.ini as operators write it: comments after values, the documented example pasted as it
// stands, a folder without a playlist, a file named with the wrong case.
#include "source_folder.hpp"

#include "ini.hpp"

#include "kiosk/content/bundle.hpp"

#include <nlohmann/json.hpp>

#include <regex>

using namespace kiosk;
using namespace kiosk::pack;
using kiosk::pack::test::mentions;
using kiosk::pack::test::SourceFolder;
namespace fs = std::filesystem;

TEST(Ini, ACommentAfterAValueIsNotPartOfIt) {
    Problems p;
    auto s = parse_ini("[ticker]   # the slogans\n"
                       "slogan = 劳动光荣、技能宝贵、创造伟大     # one line each\n"
                       "slogan = 人人出彩\t# a tab before it\n"
                       "slogan = 节能　# an ideographic space before it\n"
                       "slogan = 第#1名 stays whole\n"
                       "slogan = 话题 \\#技能强国 is kept with a backslash\n",
                       "settings.ini", p);
    EXPECT_FALSE(p.has_errors()) << p.report();
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].kind, "ticker");
    ASSERT_EQ(s[0].entries.size(), 5u);
    EXPECT_EQ(s[0].entries[0].value, "劳动光荣、技能宝贵、创造伟大");
    EXPECT_EQ(s[0].entries[1].value, "人人出彩");
    EXPECT_EQ(s[0].entries[2].value, "节能");
    EXPECT_EQ(s[0].entries[3].value, "第#1名 stays whole");
    EXPECT_EQ(s[0].entries[4].value, "话题 #技能强国 is kept with a backslash");
}

TEST(Ini, AColourValueKeepsItsHashAndMayHaveAComment) {
    Problems p;
    auto s = parse_ini("[theme]\nprimary = #B5121B\naccent=#F5C400   # highlights\n"
                       "[slogan masks]                       # a slogan with a window\n"
                       "text = 请佩戴口罩\n",
                       "settings.ini", p);
    EXPECT_FALSE(p.has_errors()) << p.report();
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].entries[0].value, "#B5121B");
    EXPECT_EQ(s[0].entries[1].value, "#F5C400");
    EXPECT_EQ(s[1].kind, "slogan");
    EXPECT_EQ(s[1].name, "masks");
}

// docs/authoring.md's settings.ini, pasted as it stands into the sample's folder, checks with no
// error, and what it says in its comments stays out of the values.
TEST(Ini, TheDocumentedSettingsWorkPastedAsTheyStand) {
    auto doc = content::read_file(fs::path(KIOSK_SOURCE_DIR) / "docs/authoring.md", 1u << 20);
    ASSERT_TRUE(doc);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(*doc, m, std::regex("```ini\n([^`]*)```")));
    const std::string ini = m[1];
    fs::path dir = fs::temp_directory_path() / ("kiosk-doc-ini-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::copy(fs::path(KIOSK_SOURCE_DIR) / "tools/sample/source", dir, fs::copy_options::recursive);
    std::ofstream(dir / "settings.ini", std::ios::binary) << ini;
    Problems p;
    PackOptions o;
    o.now = *parse_datetime("2020-11-07T18:00:00+08:00");
    auto packed = pack_source(dir, o, p);
    fs::remove_all(dir);
    ASSERT_TRUE(packed) << p.report();
    for (const auto& x : p.all()) // Warnings only, and none about a comment taken as a value.
        EXPECT_EQ(x.message.find('#'), std::string::npos) << p.report();
    auto manifest = nlohmann::json::parse(packed->manifest_json);
    EXPECT_EQ(manifest["theme"]["ticker"][0], "劳动光荣、技能宝贵、创造伟大");
    EXPECT_EQ(manifest["theme"]["colors"]["primary"], "#B5121B");
    EXPECT_EQ(manifest["theme"]["ticker"][1]["text"], "请佩戴口罩，保持安全距离");
    EXPECT_EQ(manifest["links"][0]["url"], "https://live.example.org/weifang-2020/skills");
    EXPECT_EQ(manifest["playlist"], nlohmann::json::parse(R"(["launch", "week-intro", "today"])"));
    EXPECT_EQ(manifest["bundle_version"], 1);
    EXPECT_EQ(manifest["notice_every"], 6);
}

TEST_F(SourceFolder, WithoutAPlaylistTheSlidesPlayInFileOrder) {
    std::string text = kGood;
    text.erase(text.find("[playlist]"));
    settings(text);
    Problems p;
    auto packed = pack(p);
    ASSERT_TRUE(packed) << p.report();
    EXPECT_TRUE(mentions(p, "settings.ini", 0,
                         "the slides play in the order of settings.ini (launch, today, cnc)"))
        << p.report();
    auto manifest = nlohmann::json::parse(packed->manifest_json);
    // The priority notice is not in the playlist: it comes by its priority.
    EXPECT_EQ(manifest["playlist"], nlohmann::json::parse(R"(["launch", "today", "cnc"])"));
}

TEST_F(SourceFolder, AMisspeltFileNameGetsTheCloseMatch) {
    fs::rename(m_dir / "posters/launch.jpg", m_dir / "posters/LAUNCH_2020.JPG");
    std::string text = kGood;
    text.replace(text.find("posters/launch.jpg"), 18, "posters/launch_2020.jpg");
    settings(text);
    Problems p;
    EXPECT_FALSE(pack(p));
    EXPECT_TRUE(mentions(p, "settings.ini", 19,
                         "\"posters/launch_2020.jpg\" is missing; did you mean "
                         "\"posters/LAUNCH_2020.JPG\"?"))
        << p.report();

    // A typo, .jpeg for .jpg, and the file in another folder.
    for (const auto& [named, actual] : std::vector<std::pair<std::string, std::string>>{
             {"posters/lanuch.jpg", "posters/launch.jpg"},
             {"posters/launch.jpeg", "posters/launch.jpg"},
             {"posters/launch.jpg", "images/launch.jpg"}}) {
        fs::remove_all(m_dir / "posters");
        fs::remove_all(m_dir / "images");
        fs::create_directories((m_dir / actual).parent_path());
        fs::copy_file(fs::path(KIOSK_SOURCE_DIR) / "tools/sample/source/posters/launch.jpg",
                      m_dir / actual);
        text = kGood;
        text.replace(text.find("posters/launch.jpg"), 18, named);
        settings(text);
        Problems q;
        EXPECT_FALSE(pack(q));
        EXPECT_TRUE(mentions(q, "settings.ini", 19, "did you mean \"" + actual + "\"?"))
            << q.report();
    }

    // Nothing alike: no suggestion.
    text = kGood;
    text.replace(text.find("posters/launch.jpg"), 18, "posters/closing-ceremony.png");
    settings(text);
    Problems r;
    EXPECT_FALSE(pack(r));
    EXPECT_TRUE(mentions(r, "settings.ini", 19, "\"posters/closing-ceremony.png\" is missing"))
        << r.report();
    EXPECT_FALSE(mentions(r, "settings.ini", 19, "did you mean")) << r.report();
}

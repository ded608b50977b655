// kiosk-pack check's layout pass: what the displays would cut or could not draw, named with the
// file and line it came from, notices that need more time, and a crash kept to its slide.
#include "layout_check.hpp"
#include "source_folder.hpp"

#include <cstdlib>

using namespace kiosk;
using namespace kiosk::pack;
using namespace kiosk::pack::test;

class LayoutCheckTest : public SourceFolder {
protected:
    Problems check(Size screen = {1920, 1080}) {
        Problems p;
        auto packed = pack(p);
        EXPECT_TRUE(packed) << p.report();
        if (!packed)
            return p;
        auto bundle = bundle_for_layout(*packed);
        EXPECT_TRUE(bundle) << bundle.error().message;
        if (bundle)
            check_layout(**bundle, packed->origins,
                         {screen, fs::path(KIOSK_SOURCE_DIR) / "fonts" / "kiosk-cjk.ttf"}, p);
        return p;
    }
};

TEST_F(LayoutCheckTest, TheGoodFolderHasNothingCutOnALandscapeBoard) {
    Problems p = check();
    EXPECT_FALSE(p.has_errors()) << p.report();
    EXPECT_EQ(p.report().find("at 1920x1080"), std::string::npos) << p.report();
}

TEST_F(LayoutCheckTest, APlaceTooLongEvenOnTwoLinesIsNamedWithItsLine) {
    std::string place;
    for (int i = 0; i < 12; ++i)
        place += "潍坊职业学院实训中心";
    write("timetable.csv", "日期,开始,结束,活动,地点\n2020/11/8,9:00,11:00,启动仪式,礼堂\n"
                           "2020/11/8,13:00,14:00,技能展演," +
                               place + "\n");
    Problems p = check();
    EXPECT_TRUE(mentions(p, "timetable.csv", 3, "is cut")) << p.report();
    EXPECT_FALSE(mentions(p, "timetable.csv", 2, "is cut")) << p.report();
}

TEST_F(LayoutCheckTest, ACharacterNoFontHasIsNamedWithFileLineAndCodePoint) {
    settings(std::string(kGood).replace(std::string(kGood).find("header = "), 9,
                                        "header = 活动周\U0010FFFD "));
    write("notices/rules.md", "# 须知\n\n第一段。\n\n第二段有\uFFFF一个。\n");
    Problems p = check();
    EXPECT_TRUE(mentions(p, "settings.ini", 6, "U+10FFFD")) << p.report();
    EXPECT_TRUE(mentions(p, "notices/rules.md", 5, "U+FFFF")) << p.report();
    // ℃ and emoji are drawn by the fonts after the CJK font: no warning.
    write("notices/rules.md",
          "# 须知 🇨🇳\n\n今天30℃，👨‍👩‍👧请走1️⃣号门。\n");
    Problems q = check();
    EXPECT_FALSE(mentions(q, "notices/rules.md", -1, "no font")) << q.report();
}

TEST_F(LayoutCheckTest, ANoticeThatNeedsMorePagesThanItsTimeIsNamedWithItsPages) {
    std::string body = "# 参观须知\n\n";
    for (int i = 1; i <= 20; ++i)
        body += "第" + std::to_string(i) +
                "条：各展馆实行分时段预约参观，请提前预约，按预约时段凭有效证件入场。\n\n";
    write("notices/rules.md", body);
    Problems p = check();
    bool named = false;
    for (const auto& x : p.all())
        named = named || (x.file == "notices/rules.md" &&
                          x.message.find("pages at 1920x1080") != std::string::npos &&
                          x.message.find("at 1080x1920 (portrait)") != std::string::npos &&
                          x.message.find("duration = ") != std::string::npos);
    EXPECT_TRUE(named) << p.report();
}

TEST_F(LayoutCheckTest, ACrashInOneSlidesLayoutIsAnErrorNamingItAndTheRestIsChecked) {
    std::string place;
    for (int i = 0; i < 12; ++i)
        place += "潍坊职业学院实训中心";
    write("timetable.csv",
          "日期,开始,结束,活动,地点\n2020/11/8,13:00,14:00,技能展演," + place + "\n");
    ::setenv("KIOSK_FAULT_CRASH_SLIDE", "rules", 1);
    Problems p = check();
    ::unsetenv("KIOSK_FAULT_CRASH_SLIDE");
    EXPECT_TRUE(p.has_errors());
    bool named = false;
    for (const auto& x : p.all())
        named = named || (x.severity == Severity::Error &&
                          x.message.find("[slide rules]") != std::string::npos &&
                          x.message.find("crashes") != std::string::npos);
    EXPECT_TRUE(named) << p.report();
    EXPECT_TRUE(mentions(p, "timetable.csv", 2, "is cut"))
        << "the other slides were not checked: " << p.report();
}

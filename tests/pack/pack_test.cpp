// kiosk-pack's reader: CSV and settings parsing, and source folders good and bad.
#include "source_folder.hpp"

#include "csv.hpp"
#include "ini.hpp"
#include "notice_source.hpp"
#include "report.hpp"

#include "kiosk/content/bundle.hpp"

#include <fstream>

using namespace kiosk;
using namespace kiosk::pack;
using kiosk::pack::test::gbk;
using kiosk::pack::test::mentions;
using kiosk::pack::test::SourceFolder;
namespace fs = std::filesystem;

TEST(Csv, QuotesCommasAndLineEnds) {
    Problems p;
    auto rows =
        parse_csv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",3\r\n\r\n\"two\nlines\",z,\n", "f.csv", p);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", "3"}));
    EXPECT_EQ(rows[1].line, 2);
    EXPECT_EQ(rows[2].fields[0], "two\nlines");
    EXPECT_EQ(rows[2].line, 4);
    EXPECT_FALSE(p.has_errors());
}

TEST(Csv, StrayAndUnclosedQuotesAreErrorsWithTheirLine) {
    Problems p;
    parse_csv("a,b\nx\"y,z\n\"open,q\n", "f.csv", p);
    EXPECT_TRUE(mentions(p, "f.csv", 2, "quote mark in the middle"));
    EXPECT_TRUE(mentions(p, "f.csv", 3, "never closed"));
}

TEST(Csv, ReadsUtf8WithBomAndGbk) {
    Problems p;
    std::string text = "赛项,学校\n数控车加工,潍坊职业学院\n";
    EXPECT_EQ(to_utf8("\xEF\xBB\xBF" + text, "r.csv", p), text);
    EXPECT_EQ(to_utf8(gbk(text), "r.csv", p), text);
    EXPECT_EQ(to_utf8(text, "r.csv", p), text);
    EXPECT_FALSE(p.has_errors());
    EXPECT_FALSE(to_utf8("\xFF\xFE"
                         "a\0b\0",
                         "r.csv", p));
    EXPECT_TRUE(mentions(p, "r.csv", 0, "UTF-16"));
    Problems q;
    EXPECT_FALSE(to_utf8(std::string("\x81\x20\xFF\xFF\x80", 5), "r.csv", q));
    EXPECT_TRUE(mentions(q, "r.csv", 0, "CSV UTF-8"));
}

TEST(Csv, ARealReplacementCharacterDoesNotLetBrokenUtf8Through) {
    // Found by the pack fuzzer: one genuine U+FFFD made the whole file count as UTF-8, the bytes
    // after it went into the manifest, and writing the manifest threw.
    Problems p;
    EXPECT_FALSE(to_utf8("成绩\xEF\xBF\xBD,\xFF\n", "r.csv", p));
    EXPECT_TRUE(mentions(p, "r.csv", 0, "encoding cannot be told"));
    Problems q;
    EXPECT_EQ(to_utf8("成绩\xEF\xBF\xBD\n", "r.csv", q), "成绩\xEF\xBF\xBD\n");
    // Overlong forms and surrogates are not UTF-8 either.
    Problems r;
    auto overlong = to_utf8("a\xC0\xAF", "r.csv", r);
    EXPECT_TRUE(!overlong || *overlong != "a\xC0\xAF");
    auto surrogate = to_utf8("\xED\xA0\x80", "r.csv", r);
    EXPECT_TRUE(!surrogate || *surrogate != "\xED\xA0\x80");
}

TEST(Csv, AByteOrderMarkBeforeBytesThatAreNotUtf8IsRefused) {
    Problems p;
    EXPECT_FALSE(to_utf8("\xEF\xBB\xBF"
                         "a,\xB8\xDF\n",
                         "t.csv", p));
    EXPECT_TRUE(mentions(p, "t.csv", 0, "says it is UTF-8 but is not"));
}

TEST(Csv, ColumnsByEitherNameAndUnknownColumns) {
    Problems p;
    CsvTable t(parse_csv("成绩,赛项,学校,备注\n1,a,b,c\n", "r.csv", p),
               {{"event", {"event", "赛项"}, true},
                {"team", {"team", "学校"}, true},
                {"score", {"score", "成绩"}, true}},
               "r.csv", p);
    EXPECT_FALSE(t.ok());
    EXPECT_TRUE(mentions(p, "r.csv", 1, "unknown column \"备注\""));
    Problems q;
    CsvTable u(parse_csv("Score,赛项,学校\n1,a,b\n", "r.csv", q),
               {{"event", {"event", "赛项"}, true},
                {"team", {"team", "学校"}, true},
                {"score", {"score", "成绩"}, true}},
               "r.csv", q);
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u.get(u.rows()[0], "event"), "a");
    EXPECT_EQ(u.get(u.rows()[0], "score"), "1");
    EXPECT_EQ(u.label("event"), "赛项 (event)");
}

TEST(Ini, SectionsEntriesAndLines) {
    Problems p;
    auto s = parse_ini("\xEF\xBB\xBF# comment\n[bundle]\nversion = 3\n\n[slide launch]\nposter = "
                       "a.png\nnonsense\n",
                       "settings.ini", p);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1].kind, "slide");
    EXPECT_EQ(s[1].name, "launch");
    EXPECT_EQ(s[1].entries[0].line, 6);
    EXPECT_TRUE(mentions(p, "settings.ini", 7, "expected a setting"));
}

TEST_F(SourceFolder, AGoodFolderBuildsABundleTheKioskLoads) {
    Problems p;
    auto packed = pack(p);
    ASSERT_TRUE(packed) << p.report();
    EXPECT_FALSE(p.has_errors());
    fs::path out = m_dir.string() + "-out";
    ASSERT_TRUE(write_bundle(*packed, out));
    auto b = content::load_bundle(out);
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_TRUE((*b)->problems.empty()) << (*b)->problems.front();
    const auto& m = (*b)->manifest;
    EXPECT_EQ(m.bundle_version, 2);
    EXPECT_EQ(m.playlist, (std::vector<std::string>{"launch", "today", "cnc"}));
    const auto* launch = (*b)->slide("launch");
    ASSERT_NE(launch, nullptr);
    EXPECT_EQ(launch->tags, (std::vector<std::string>{"hall-a", "entrance"}));
    ASSERT_EQ(launch->window.hours.size(), 1u);
    const auto* rules = (*b)->slide("rules");
    ASSERT_NE(rules, nullptr);
    EXPECT_EQ(rules->priority, content::Priority::Notice);
    EXPECT_EQ(rules->title, "疫情防控要求");
    // The body is kept as Markdown and read by the display as it reads it here.
    ASSERT_TRUE(rules->notice);
    EXPECT_EQ(content::notice_text(*rules->notice), "进入场馆请佩戴口罩。\n• 测量体温\n• 保持距离");
    EXPECT_EQ(rules->window.until, parse_datetime("2020-11-15T00:00:00+08:00"));
    const auto& tt = (*b)->timetables.at("data/timetable.json");
    ASSERT_EQ(tt.events.size(), 2u);
    EXPECT_TRUE(tt.events[0].invented);
    EXPECT_EQ(tt.events[1].end, parse_datetime("2020-11-09T01:00:00+08:00")); // Past midnight.
    const auto& r = (*b)->results.at("data/results.json");
    EXPECT_TRUE(r.sample);
    ASSERT_NE(r.find("数控车加工"), nullptr);
    EXPECT_TRUE(r.find("数控车加工")->final);
    EXPECT_EQ(r.find("数控车加工")->entries[0].team, "潍坊职业学院"); // Read from GBK.
}

TEST_F(SourceFolder, LinksBecomeQrCodesAndABadOneIsNamed) {
    std::string good = std::string(kGood) + R"(
[link live]
title = 网上观赛通道
caption = 扫码观看
url = https://live.example.org/weifang-2020
sample = yes

[slide live-qr]
qr = live
)";
    good.replace(good.find("order = launch, today, cnc"), 26,
                 "order = launch, today, cnc, live-qr");
    settings(good);
    Problems p;
    auto packed = pack(p);
    ASSERT_TRUE(packed) << p.report();
    fs::path out = m_dir.string() + "-out";
    ASSERT_TRUE(write_bundle(*packed, out));
    auto b = content::load_bundle(out);
    ASSERT_TRUE(b) << b.error().message;
    ASSERT_EQ((*b)->manifest.links.size(), 1u);
    EXPECT_TRUE((*b)->manifest.links[0].sample);
    const auto* qr = (*b)->slide("live-qr");
    ASSERT_NE(qr, nullptr);
    EXPECT_EQ(qr->kind, content::SlideKind::Qr);

    settings(std::string(kGood) + "\n[link a]\ntitle = A\nurl = ftp://x\n\n[link b]\nurl = "
                                  "https://b.example.org/\n\n[slide q]\nqr = nowhere\n");
    Problems bad;
    EXPECT_FALSE(pack(bad));
    EXPECT_TRUE(mentions(bad, "settings.ini", 40, "is not an http:// or https:// address"))
        << bad.report();
    // Addresses a pattern let through, parsed by libcurl's URL API.
    for (const char* url : {"https://[::1/x", "https://exa<mple>.org/%zz", "http://:@/"}) {
        settings(std::string(kGood) + "\n[link a]\ntitle = A\nurl = " + url + "\n");
        Problems refused;
        EXPECT_FALSE(pack(refused)) << url;
        EXPECT_TRUE(mentions(refused, "settings.ini", 40, url)) << refused.report();
    }
    EXPECT_TRUE(mentions(bad, "settings.ini", 42, "needs \"title = …\"")) << bad.report();
    EXPECT_TRUE(mentions(bad, "settings.ini", 46, "there is no [link nowhere]")) << bad.report();
}

TEST_F(SourceFolder, AMissingPosterIsNamedAndNoBundleIsMade) {
    fs::remove(m_dir / "posters/launch.jpg");
    Problems p;
    EXPECT_FALSE(pack(p));
    EXPECT_TRUE(mentions(p, "settings.ini", 19, "\"posters/launch.jpg\" is missing")) << p.report();
}

TEST_F(SourceFolder, AWrongCsvColumnIsNamed) {
    write("results.csv", "赛项,学校,选手,得分\n数控车加工,潍坊职业学院,选手01,95\n");
    Problems p;
    EXPECT_FALSE(pack(p));
    EXPECT_TRUE(mentions(p, "results.csv", 1, "unknown column \"得分\"")) << p.report();
    EXPECT_TRUE(mentions(p, "results.csv", 1, "no column named score")) << p.report();
}

TEST_F(SourceFolder, ANonNumericScoreIsRefusedWithItsLine) {
    write("results.csv",
          "赛项,学校,成绩\n数控车加工,潍坊职业学院,95\n数控车加工,潍坊科技学院,九十\n");
    Problems p;
    EXPECT_FALSE(pack(p));
    EXPECT_TRUE(mentions(p, "results.csv", 3, "\"九十\" is not a number")) << p.report();
}

TEST_F(SourceFolder, ABrokenDateIsNamedWithFileAndLine) {
    write("timetable.csv", "日期,开始,结束,活动\n2020-11-08,09:00,11:00,启动仪式\n2020-11-31,09:00,"
                           "11:00,研讨会\n2020-11-09,9点,11:00,展演\n");
    Problems p;
    EXPECT_FALSE(pack(p));
    EXPECT_TRUE(mentions(p, "timetable.csv", 3, "\"2020-11-31\" is not a date")) << p.report();
    EXPECT_TRUE(mentions(p, "timetable.csv", 4, "\"9点\" is not a time")) << p.report();
}

TEST_F(SourceFolder, AnUnknownSettingIsNamed) {
    settings(std::string(kGood) + "\n[slide extra]\nposter = posters/launch.jpg\ncolour = red\n");
    Problems p;
    EXPECT_FALSE(pack(p));
    EXPECT_TRUE(mentions(p, "settings.ini", 40, "unknown setting")) << p.report();
}

TEST_F(SourceFolder, EveryProblemIsReportedAtOnce) {
    fs::remove(m_dir / "posters/launch.jpg");
    write("timetable.csv", "日期,开始,结束,活动\n2020-11-08,25:00,11:00,启动仪式\n");
    settings(std::string(kGood) +
             "[slide x]\nfit = sideways\n[playlist]\norder = ghost\n[weather]\n");
    Problems p;
    EXPECT_FALSE(pack(p));
    int errors = 0;
    for (const auto& x : p.all())
        errors += x.severity == Severity::Error;
    EXPECT_GE(errors, 5) << p.report();
    EXPECT_TRUE(mentions(p, "settings.ini", -1, "there is no [slide ghost]"));
    EXPECT_TRUE(mentions(p, "settings.ini", -1, "unknown section [weather]"));
    EXPECT_TRUE(mentions(p, "settings.ini", -1, "sideways"));
}

TEST_F(SourceFolder, LikelyMistakesAreWarnings) {
    // A poster far smaller than the screen, a window that never opens, a notice already over,
    // two events at one place at once, a slide never shown, an image no slide uses.
    write("timetable.csv", "日期,开始,结束,活动,地点\n2020-11-08,09:00,11:00,启动仪式,礼堂\n2020-"
                           "11-08,10:00,12:00,彩排,礼堂\n");
    settings(std::string(kGood) + "[slide night]\nposter = posters/launch.jpg\nfrom = "
                                  "2020-11-09\nuntil = 2020-11-10\nweekdays = 6,7\n"
                                  "[slide old]\nnotice = notices/rules.md\nuntil = "
                                  "2020-11-01\n[slide orphan]\nnotice = notices/rules.md\n"
                                  "[playlist]\norder = night, old\n");
    fs::copy_file(m_dir / "posters/launch.jpg", m_dir / "posters/unused.jpg");
    Problems p;
    PackOptions o;
    o.now = *parse_datetime("2020-11-07T18:00:00+08:00");
    o.screen = Size{3840, 2160};
    auto packed = pack_source(m_dir, o, p);
    EXPECT_TRUE(packed) << p.report();
    EXPECT_TRUE(mentions(p, "settings.ini", -1, "much smaller than the 3840x2160 screen"))
        << p.report();
    EXPECT_TRUE(mentions(p, "settings.ini", -1, "[slide night] never opens")) << p.report();
    EXPECT_TRUE(mentions(p, "settings.ini", -1, "[slide old] has already expired")) << p.report();
    EXPECT_TRUE(mentions(p, "timetable.csv", 3, "overlaps \"启动仪式\" (line 2) at 礼堂"))
        << p.report();
    EXPECT_TRUE(mentions(p, "settings.ini", -1, "[slide orphan] is never shown")) << p.report();
    EXPECT_TRUE(mentions(p, "posters/unused.jpg", 0, "no slide uses this image")) << p.report();
}

TEST_F(SourceFolder, APosterOverThePlayersPixelLimitIsRefused) {
    // The header of a PNG claiming 30000x30000: the player would refuse it, so kiosk-pack does.
    std::string png("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\x75\x30\0\0\x75\x30\x08\x02\0\0\0", 29);
    write("posters/huge.png", png);
    settings(std::string(kGood) + "[slide huge]\nposter = posters/huge.png\n");
    Problems p;
    EXPECT_FALSE(pack(p));
    EXPECT_TRUE(mentions(p, "settings.ini", -1,
                         "\"posters/huge.png\" is 30000x30000 pixels, more than the player's"))
        << p.report();
}

TEST_F(SourceFolder, NoSettingsFileIsNamed) {
    fs::remove(m_dir / "settings.ini");
    Problems p;
    EXPECT_FALSE(pack(p));
    EXPECT_TRUE(mentions(p, "settings.ini", 0, "missing"));
}

TEST(Report, SummarisesSlidesMinutesAndTouchesPerDay) {
    fs::path dir = fs::temp_directory_path() / ("kiosk-report-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "play-2020-11-08.csv")
        << "type,start,end,display,slide,bundle\n"
        << "slide,2020-11-08T09:00:00+08:00,2020-11-08T09:00:30+08:00,hall-a,launch,1\n"
        << "slide,2020-11-08T09:00:30+08:00,2020-11-08T09:01:00+08:00,hall-a,today,1\n"
        << "touch,2020-11-08T09:00:40+08:00,2020-11-08T09:00:40+08:00,hall-a,today,1\n"
        << "slide,2020-11-08T09:01:00+08:00,2020-11-08T09:02:00+08:00,hall-a,launch,1\n"
        << "slide,2020-11-08T09:02:00+08:00,2020-11-08T0"; // Cut by a power failure.
    std::ofstream(dir / "play-2020-11-09.csv")
        << "type,start,end,display,slide,bundle\n"
        << "slide,2020-11-09T09:00:00+08:00,2020-11-09T09:10:00+08:00,hall-a,today,1\n";
    Problems p;
    auto csv = summarise_play_logs(dir, {}, p);
    ASSERT_TRUE(csv);
    EXPECT_EQ(*csv, "date,display,slide,times_shown,minutes_on_screen,interactions\n"
                    "2020-11-08,hall-a,launch,2,1.5,0\n"
                    "2020-11-08,hall-a,today,1,0.5,1\n"
                    "2020-11-08,all,TOTAL,3,2.0,1\n"
                    "2020-11-09,hall-a,today,1,10.0,0\n"
                    "2020-11-09,all,TOTAL,1,10.0,0\n");
    ReportOptions day;
    day.from_day = day.to_day = "2020-11-09";
    auto one = summarise_play_logs(dir, day, p);
    ASSERT_TRUE(one);
    EXPECT_EQ(one->find("2020-11-08"), std::string::npos);
    fs::remove_all(dir);
}

TEST(NoticeFile, TitleBodyAndWhatTheBoardWillNotShowWithLines) {
    Problems problems;
    auto n =
        read_notice("\n# 参观须知\n\n请按顺序参观。\n\n![图](p.jpg)\n\n| 馆 | 时 |\n|---|---|\n"
                    "| 一 | 9 |\n\n<span>x</span>\n\n**注意：**请勿触摸。\n\nmy__config__file\n",
                    "notices/a.md", problems);
    ASSERT_TRUE(n);
    EXPECT_EQ(n->title, "参观须知");
    EXPECT_EQ(n->body_line, 4);
    std::string report = problems.report();
    EXPECT_NE(report.find("notices/a.md:6: the picture p.jpg"), std::string::npos) << report;
    EXPECT_NE(report.find("notices/a.md:8: a table"), std::string::npos) << report;
    EXPECT_NE(report.find("notices/a.md:12: HTML"), std::string::npos) << report;
    EXPECT_NE(report.find("notices/a.md:14: \"**\" will show"), std::string::npos) << report;
    EXPECT_EQ(report.find("__"), std::string::npos)
        << "intraword underscores are meant: " << report;
    EXPECT_FALSE(problems.has_errors());
    Problems empty;
    EXPECT_FALSE(read_notice("\n\n", "notices/b.md", empty));
    EXPECT_TRUE(empty.has_errors());
}

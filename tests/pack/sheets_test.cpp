// Spreadsheets as operators' programs save them: .xlsx written by openpyxl and by LibreOffice
// (tests/pack/sheets/make-sheets.py), CSV with the values people type, the forms refused.
#include "source_folder.hpp"

#include "sheet.hpp"
#include "values.hpp"
#include "xlsx.hpp"

#include "kiosk/content/bundle.hpp"

#include <zip.h>

using namespace kiosk;
using namespace kiosk::pack;
using kiosk::pack::test::gbk;
using kiosk::pack::test::mentions;
using kiosk::pack::test::SourceFolder;
namespace fs = std::filesystem;

namespace {

std::string sheet_file(const std::string& name) {
    return kiosk::pack::test::repo_file("tests/pack/sheets/" + name);
}

using Table = std::vector<std::vector<std::string>>;

Table cells(const std::vector<CsvRow>& rows) {
    Table out;
    for (const auto& r : rows)
        out.push_back(r.fields);
    return out;
}

// A zip holding `parts` (name → contents), made with libzip.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& parts) {
    auto path = fs::temp_directory_path() / ("kiosk-zip-" + std::to_string(::getpid()) + ".zip");
    fs::remove(path);
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_EXCL, &err);
    EXPECT_NE(z, nullptr);
    for (const auto& [name, data] : parts) {
        zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
        auto index = zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8);
        if (name == "mimetype") // Stored, first, as OpenDocument packages have it.
            zip_set_file_compression(z, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    }
    zip_close(z); // Reads the buffers, which are still alive here.
    auto bytes = content::read_file(path, 256u << 20);
    fs::remove(path);
    return bytes ? *bytes : std::string();
}

const std::string kContentTypes =
    R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
const std::string kRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
const std::string kWorkbook =
    R"(<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const std::string kWorkbookRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";

std::string workbook_with_sheet(const std::string& sheet_xml) {
    return zip_of({{"[Content_Types].xml", kContentTypes},
                   {"_rels/.rels", kRels},
                   {"xl/workbook.xml", kWorkbook},
                   {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                   {"xl/worksheets/sheet1.xml", sheet_xml}});
}

} // namespace

TEST(Xlsx, ReadsATimetableWrittenByOpenpyxlAndSavedByLibreOffice) {
    // Date cells in three formats (one without a year), time cells, a date typed as text without
    // a year, full-width digits, a boolean, yes and no in any case; the second sheet is not read.
    const Table expected = {{"日期", "开始时间", "结束时间", "活动名称", "地点", "示例"},
                            {"2020-11-08", "09:00", "11:00", "启动仪式", "潍坊职业学院", "Yes"},
                            {"11月9日", "14:30", "16:00", "技能展演", "礼堂", "NO"},
                            {"11月10日", "９：００", "10:30:00", "网上研讨会", "线上", "TRUE"},
                            {"2020-11-11", "19:00", "01:00", "闭幕晚会", "体育馆", "no"}};
    for (const char* f : {"timetable-openpyxl.xlsx", "timetable-libreoffice.xlsx"}) {
        Problems p;
        auto rows = read_sheet(sheet_file(f), f, p);
        ASSERT_TRUE(rows) << f << ": " << p.report();
        EXPECT_EQ(cells(*rows), expected) << f;
        EXPECT_EQ(rows->back().line, 5) << f;
    }
    Problems p;
    auto from_csv = read_sheet(sheet_file("timetable-from-csv.xlsx"), "t.xlsx", p);
    ASSERT_TRUE(from_csv) << p.report();
    // LibreOffice made date and time cells of what it recognised, and left 2020/11/9 as text.
    EXPECT_EQ(cells(*from_csv), (Table{{"日期", "开始", "结束", "活动", "地点"},
                                       {"2020-11-08", "09:00", "11:00", "启动仪式", "潍坊职业学院"},
                                       {"2020/11/9", "14:30", "16:00", "技能展演", "礼堂"}}));
}

TEST(Xlsx, ReadsResultsAsTheSheetShowsThem) {
    Problems p;
    auto rows = read_sheet(sheet_file("results-libreoffice.xlsx"), "r.xlsx", p);
    ASSERT_TRUE(rows) << p.report();
    Table scores;
    for (const auto& r : cells(*rows))
        scores.push_back({r.size() > 3 ? r[3] : "", r.size() > 5 ? r[5] : ""});
    // 85.3 in a 0.00 format shows 85.30; =85+0.25 is 85.25; =0.1+0.2 is the 0.3 the sheet shows.
    EXPECT_EQ(scores, (Table{{"成绩", "决赛"},
                             {"85.25", "YES"},
                             {"85.30", "Yes"},
                             {"85.2501", "yes"},
                             {"８８.５", "True"},
                             {"缺考", "TRUE"},
                             {"", "是"},
                             {"弃权", "yes"},
                             {"85.25", "Yes"},
                             {"0.3", "No"},
                             {"0.3", "no"}}));
}

TEST(Xlsx, AFormulaSavedWithoutItsValueIsNamedWithItsCell) {
    // openpyxl writes formulas without computing them.
    Problems p;
    EXPECT_FALSE(read_sheet(sheet_file("results-openpyxl.xlsx"), "r.xlsx", p));
    EXPECT_TRUE(mentions(p, "r.xlsx", 9, "the formula in cell D9 has no value saved with it"))
        << p.report();
    EXPECT_TRUE(mentions(p, "r.xlsx", 10, "cell D10")) << p.report();
}

TEST(Xlsx, NumberFormatsTellDatesTimesAndDecimals) {
    auto is = [](const NumberFormat& f, bool date, bool year, bool time, int decimals) {
        return f.date == date && f.year == year && f.time == time && f.decimals == decimals;
    };
    EXPECT_TRUE(is(number_format(14, ""), true, true, false, 0));
    EXPECT_TRUE(is(number_format(58, ""), true, false, false, 0)); // m"月"d"日", zh-CN.
    EXPECT_TRUE(is(number_format(20, ""), false, false, true, 0));
    EXPECT_TRUE(is(number_format(22, ""), true, true, true, 0));
    EXPECT_TRUE(is(number_format(2, ""), false, false, false, 2));
    EXPECT_TRUE(is(number_format(164, "General"), false, false, false, 0));
    EXPECT_TRUE(is(number_format(164, "yyyy\"年\"m\"月\"d\"日\""), true, true, false, 0));
    EXPECT_TRUE(is(number_format(164, "m\\月d\\日"), true, false, false, 0));
    EXPECT_TRUE(is(number_format(164, "[h]:mm:ss"), false, false, true, 0));
    EXPECT_TRUE(is(number_format(164, "h:mm AM/PM"), false, false, true, 0));
    EXPECT_TRUE(is(number_format(164, "[Red]0.000;[Blue]-0.000"), false, false, false, 3));
    EXPECT_TRUE(is(number_format(164, "#,##0.0\"分\""), false, false, false, 1));
    EXPECT_TRUE(is(number_format(164, "0.00E+00"), false, false, false, 2));

    auto date = number_format(14, "");
    EXPECT_EQ(format_cell_number(44143, date, false), "2020-11-08");
    EXPECT_EQ(format_cell_number(42681, date, true), "2020-11-08"); // Counted from 1904.
    EXPECT_EQ(format_cell_number(59, date, false), "1900-02-28");
    EXPECT_EQ(format_cell_number(61, date, false), "1900-03-01");
    EXPECT_EQ(format_cell_number(44144, number_format(58, ""), false), "11月9日");
    auto time = number_format(20, "");
    EXPECT_EQ(format_cell_number(0.375, time, false), "09:00");
    EXPECT_EQ(format_cell_number(0.381944444444, time, false), "09:10"); // To the second.
    EXPECT_EQ(format_cell_number(0.99999999, time, false), "00:00");
    EXPECT_EQ(format_cell_number(44143.8125, number_format(22, ""), false), "2020-11-08 19:30");
    EXPECT_EQ(format_cell_number(85.30000000000001, number_format(0, ""), false), "85.3");
    EXPECT_EQ(format_cell_number(85.3, number_format(2, ""), false), "85.30");
    EXPECT_EQ(format_cell_number(85.2501, number_format(2, ""), false), "85.2501");
    EXPECT_EQ(format_cell_number(0.955, number_format(10, ""), false), "95.50%");
}

TEST(Xlsx, InlineStringsSparseCellsAndEscapes) {
    auto sheet = workbook_with_sheet(
        R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
        R"(<row r="1"><c r="A1" t="inlineStr"><is><t>赛项</t></is></c><c r="C1" t="inlineStr">)"
        R"(<is><r><t>成</t></r><r><t>绩</t></r></is></c></row>)"
        R"(<row r="4"><c r="A4" t="inlineStr"><is><t>a_x000D_b</t></is></c><c r="C4"><v>90</v></c>)"
        R"(<c r="D4" t="b"><v>1</v></c><c r="E4" t="e"><v>#N/A</v></c></row>)"
        R"(</sheetData></worksheet>)");
    Problems p;
    auto rows = read_xlsx(sheet, "s.xlsx", p);
    ASSERT_TRUE(rows) << p.report();
    EXPECT_EQ(cells(*rows), (Table{{"赛项", "", "成绩"}, {"a\rb", "", "90", "TRUE", "#N/A"}}));
    EXPECT_EQ((*rows)[1].line, 4);
}

TEST(Xlsx, WhatIsNotAReadableWorkbookIsRefusedWithHowToSaveIt) {
    struct Case {
        std::string bytes;
        const char* says;
    };
    std::string cut = sheet_file("timetable-libreoffice.xlsx");
    cut.resize(cut.size() / 2);
    std::string doctype = workbook_with_sheet(
        R"(<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>)"
        R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c>)"
        R"(</row></sheetData></worksheet>)");
    for (const auto& c :
         {Case{cut, "cannot be read as an Excel workbook"},
          Case{zip_of({{"word/document.xml", "<w/>"}}), "it has no workbook part"},
          Case{doctype, "declares a document type"},
          Case{workbook_with_sheet("<worksheet><sheetData><row r=\"1\"><c r=\"A1\">"),
               "no element found"},
          Case{zip_of({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}}),
               "is an OpenDocument spreadsheet (.ods); in the spreadsheet, use Save As"},
          Case{std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'),
               "is an old Excel workbook (.xls) or a WPS one (.et)"}}) {
        Problems p;
        EXPECT_FALSE(read_sheet(c.bytes, "t.xlsx", p));
        EXPECT_TRUE(mentions(p, "t.xlsx", 0, c.says)) << p.report();
        EXPECT_TRUE(mentions(p, "t.xlsx", 0, "CSV UTF-8")) << p.report();
    }
}

TEST(Xlsx, APartUnpackingToMoreThanTheLimitIsRefused) {
    // 65 MiB of one repeated row compresses to a small file: a zip bomb, stopped at 64 MiB.
    std::string row = R"(<row><c t="inlineStr"><is><t>x</t></is></c></row>)";
    std::string big = "<worksheet><sheetData>";
    while (big.size() < (65u << 20))
        big += row;
    auto bytes = workbook_with_sheet(big + "</sheetData></worksheet>");
    EXPECT_LT(bytes.size(), 1u << 20);
    Problems p;
    EXPECT_FALSE(read_sheet(bytes, "bomb.xlsx", p));
    EXPECT_TRUE(mentions(p, "bomb.xlsx", 0, "unpacks to")) << p.report();
}

TEST(Values, WhatOperatorsTypeIsRead) {
    for (const char* y : {"Yes", "YES", "yes", "Y", "TRUE", "True", "是", "√", "ｙｅｓ", " x "})
        EXPECT_TRUE(is_yes(y)) << y;
    for (const char* n : {"No", "NO", "n", "FALSE", "false", "否", "", "ＮＯ", "×"})
        EXPECT_TRUE(is_no(n)) << n;
    EXPECT_FALSE(is_yes("maybe"));
    EXPECT_FALSE(is_no("maybe"));
    EXPECT_EQ(to_number("８５.２５"), 85.25);
    EXPECT_EQ(number_text("８５.２５"), "85.25");
    EXPECT_EQ(number_text(" 85.30 "), "85.30");
    EXPECT_FALSE(to_number("九十"));
    for (auto [text, minutes] : std::vector<std::pair<const char*, int>>{{"9:00", 540},
                                                                         {"09:00", 540},
                                                                         {"9:00:00", 540},
                                                                         {"９：３０", 570},
                                                                         {"2:30 PM", 870},
                                                                         {"下午2:30", 870},
                                                                         {"12:00 AM", 0},
                                                                         {"9点30分", 570},
                                                                         {"24:00", 1440}})
        EXPECT_EQ(clock_minutes(text), minutes) << text;
    for (const char* bad : {"9点", "9:00:30", "25:00", "13:00 PM", "9"})
        EXPECT_FALSE(clock_minutes(bad)) << bad;
    auto d = parse_date("11月9日");
    ASSERT_TRUE(d);
    EXPECT_FALSE(d->year);
    EXPECT_EQ(d->month, 11);
    EXPECT_EQ(d->day, 9);
    for (const char* full : {"2020-11-08", "2020/11/8", "2020年11月8日", "２０２０－１１－０８",
                             "2020/11/8 0:00", "2020-11-08 00:00:00", "2020.11.8"}) {
        auto f = parse_date(full);
        ASSERT_TRUE(f) << full;
        EXPECT_EQ(f->year, 2020) << full;
        EXPECT_EQ(f->day, 8) << full;
    }
    for (const char* bad : {"2020-11-31", "2-30", "2021-02-29", "11月", "2020-11-08 09:00"})
        EXPECT_FALSE(parse_date(bad)) << bad;
    EXPECT_TRUE(parse_date("2020-02-29"));
    // A week at the turn of the year: 1月2日 is in the next year, 12月30日 in this one.
    EXPECT_EQ(nearest_year(1, 2, 2020, 12, 28), 2021);
    EXPECT_EQ(nearest_year(12, 30, 2021, 1, 1), 2020);
    EXPECT_EQ(nearest_year(11, 9, 2020, 11, 8), 2020);
    for (const char* none : {"", "缺考", "弃权", " 缺考 ", "-", "DNS"})
        EXPECT_TRUE(no_score(none)) << none;
    EXPECT_FALSE(no_score("90"));
}

TEST_F(SourceFolder, WorkbooksAndTypedValuesBuildTheBoards) {
    write("timetable.xlsx", sheet_file("timetable-libreoffice.xlsx"));
    write("results.xlsx", sheet_file("results-libreoffice.xlsx"));
    std::string text = kGood;
    text.replace(text.find("file = timetable.csv"), 20, "file = timetable.xlsx");
    text.replace(text.find("file = results.csv"), 18, "file = results.xlsx");
    settings(text);
    auto b = build_and_load();
    ASSERT_TRUE(b);
    const auto& tt = b->timetables.at("data/timetable.json");
    ASSERT_EQ(tt.events.size(), 4u);
    // 11月9日 and 11月10日 take the year of the week; 19:00 to 1:00 runs past midnight.
    EXPECT_EQ(tt.events[1].start, parse_datetime("2020-11-09T14:30:00+08:00"));
    EXPECT_EQ(tt.events[2].start, parse_datetime("2020-11-10T09:00:00+08:00"));
    EXPECT_TRUE(tt.events[2].invented);
    EXPECT_FALSE(tt.events[1].invented);
    EXPECT_EQ(tt.events[3].end, parse_datetime("2020-11-12T01:00:00+08:00"));

    const auto& r = b->results.at("data/results.json");
    const auto* cnc = r.find("数控车加工");
    ASSERT_NE(cnc, nullptr);
    EXPECT_TRUE(cnc->final);
    auto ranked = content::rank(cnc->entries);
    std::vector<std::string> board;
    for (const auto& x : ranked)
        board.push_back(std::to_string(x.rank) + " " + x.entry->team + " " +
                        content::score_text(*x.entry));
    // Exact values decide: 85.2501 is above 85.25, the two 85.25s tie; 缺考, the blank and 弃权
    // are listed unranked at the bottom in the sheet's order.
    EXPECT_EQ(board, (std::vector<std::string>{"1 青州职业学院 88.5", "2 潍坊科技学院 85.30",
                                               "3 寿光职教中心 85.2501", "4 潍坊职业学院 85.25",
                                               "4 安丘职教中心 85.25", "0 昌乐职教中心 缺考",
                                               "0 诸城职教中心 —", "0 高密职教中心 弃权"}));
    const auto* elec = r.find("电子技术");
    ASSERT_NE(elec, nullptr);
    EXPECT_FALSE(elec->final);
    EXPECT_EQ(content::rank(elec->entries)[1].rank, 1); // =0.1+0.2 ties with 0.3.
}

TEST_F(SourceFolder, CsvWithTypedValuesBuildsToo) {
    write("timetable.csv", "日期,开始,结束,活动\n2020-11-08,9:00:00,11:00:00,启动仪式\n"
                           "11月9日,１４：３０,16:00,技能展演\n");
    write("results.csv",
          gbk("赛项,学校,成绩,决赛\n数控车加工,甲,８５.２５,YES\n数控车加工,乙,,Yes\n"
              "数控车加工,丙,缺考,yes\n数控车加工,丁,九十,no\n"));
    Problems p;
    EXPECT_FALSE(pack(p));
    // Only the score that is neither a number nor a word for none is refused.
    EXPECT_TRUE(mentions(p, "results.csv", 5, "\"九十\" is not a number like 95.5, nor 缺考"))
        << p.report();
    int errors = 0;
    for (const auto& x : p.all())
        errors += x.severity == Severity::Error;
    EXPECT_EQ(errors, 1) << p.report();

    write("results.csv",
          gbk("赛项,学校,成绩,决赛\n数控车加工,甲,８５.２５,YES\n数控车加工,乙,,Yes\n"
              "数控车加工,丙,缺考,yes\n"));
    auto b = build_and_load();
    ASSERT_TRUE(b);
    const auto& tt = b->timetables.at("data/timetable.json");
    ASSERT_EQ(tt.events.size(), 2u);
    EXPECT_EQ(tt.events[1].start, parse_datetime("2020-11-09T14:30:00+08:00"));
    const auto& cnc = *b->results.at("data/results.json").find("数控车加工");
    EXPECT_TRUE(cnc.final);
    EXPECT_EQ(cnc.entries[0].score_text, "85.25");
    EXPECT_FALSE(cnc.entries[1].score);
    EXPECT_EQ(cnc.entries[2].score_text, "缺考");
}

TEST_F(SourceFolder, ADateWithoutAYearTakesTheYearOfTheWeekFromTheBundle) {
    // No date with a year in the file: the bundle's creation date gives the year.
    write("timetable.csv", "日期,开始,结束,活动\n1月2日,9:00,11:00,新年音乐会\n");
    std::string text = kGood;
    text.replace(text.find("time_zone"), 0, "created = 2020-12-28 10:00\n");
    settings(text);
    Problems p;
    auto packed = pack(p);
    ASSERT_TRUE(packed) << p.report();
    EXPECT_NE(packed->generated["data/timetable.json"].find("2021-01-02T09:00:00+08:00"),
              std::string::npos)
        << packed->generated["data/timetable.json"];
}

#include "../support/fake_metrics.hpp"
#include "kiosk/text/line_break.hpp"
#include "kiosk/text/utf8.hpp"

#include <gtest/gtest.h>

using namespace kiosk;
using kiosk::test::FakeMetrics;

namespace {

const std::u32string kNoStart = U"，。、；：？！）」";
const std::u32string kNoEnd = U"（「";

// Checks the Chinese rules on every line of `lines`.
void expect_no_forbidden_edges(const std::vector<text::Line>& lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto chars = text::decode_utf8(lines[i].text);
        ASSERT_FALSE(chars.empty());
        if (i > 0) {
            EXPECT_EQ(kNoStart.find(chars.front()), std::u32string::npos)
                << "line starts with a closing mark: " << lines[i].text;
        }
        if (i + 1 < lines.size()) {
            EXPECT_EQ(kNoEnd.find(chars.back()), std::u32string::npos)
                << "line ends with an opening mark: " << lines[i].text;
        }
    }
}

} // namespace

TEST(Utf8, RoundTripsAndReplacesInvalidBytes) {
    std::string s = "人人出彩，技能强国 A";
    EXPECT_EQ(text::encode_utf8(text::decode_utf8(s)), s);
    auto bad = text::decode_utf8("a\xFF"
                                 "b\xE4\xBA");
    EXPECT_EQ(bad, (std::u32string{U'a', 0xFFFD, U'b', 0xFFFD}));
    EXPECT_EQ(text::decode_utf8("\xC0\x80"), (std::u32string{0xFFFD, 0xFFFD})); // Overlong NUL.
}

TEST(LineBreak, FillsLinesToTheWidth) {
    FakeMetrics m;
    text::Style st{10, false};
    auto lines = text::break_lines("一二三四五六七八九十", 40, m, st);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].text, "一二三四");
    EXPECT_EQ(lines[0].width, 40);
    EXPECT_EQ(lines[2].text, "九十");
}

TEST(LineBreak, NeverStartsALineWithClosingPunctuation) {
    FakeMetrics m;
    text::Style st{10, false};
    // Each closing mark falls exactly where a naive break would put it at a line start.
    for (char32_t mark : kNoStart) {
        std::u32string s = U"一二三四";
        s += mark;
        s += U"五六七八九十";
        auto lines = text::break_lines(text::encode_utf8(s), 40, m, st);
        expect_no_forbidden_edges(lines);
        for (const auto& l : lines)
            EXPECT_LE(l.width, 40);
    }
}

TEST(LineBreak, NeverEndsALineWithOpeningPunctuation) {
    FakeMetrics m;
    text::Style st{10, false};
    for (char32_t mark : kNoEnd) {
        std::u32string s = U"一二三";
        s += mark;
        s += U"四五六七八九";
        auto lines = text::break_lines(text::encode_utf8(s), 40, m, st);
        expect_no_forbidden_edges(lines);
        EXPECT_EQ(text::decode_utf8(lines[1].text).front(), mark);
    }
}

TEST(LineBreak, RealNoticeKeepsTheRulesAtEveryWidth) {
    FakeMetrics m;
    text::Style st{10, false};
    const std::string notice =
        "各县市区、市属各开发区、各职业院校要结合各自实际，科学设计活动方案，广泛动员，"
        "开展形式多样、内容丰富、多层次、全方位的职业教育宣传活动，做到活动周期间“天天有活动、"
        "处处有看点、人人有收获”。（详见附件「活动安排」）请佩戴口罩！保持距离？";
    for (int width = 30; width <= 300; width += 10) {
        auto lines = text::break_lines(notice, width, m, st);
        expect_no_forbidden_edges(lines);
        std::string joined;
        for (const auto& l : lines) {
            EXPECT_LE(l.width, width);
            joined += l.text;
        }
        EXPECT_EQ(joined, notice) << "text lost at width " << width;
    }
}

TEST(LineBreak, BreaksLatinAtSpacesAndCutsOverlongWords) {
    FakeMetrics m;
    text::Style st{10, false}; // Latin letters are 5 px wide.
    auto lines = text::break_lines("hello world again", 40, m, st);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].text, "hello");
    EXPECT_EQ(lines[1].text, "world");
    auto url = text::break_lines("https://example.org/a-very-long-path", 50, m, st);
    for (const auto& l : url)
        EXPECT_LE(l.width, 50);
    EXPECT_GT(url.size(), 3u);
}

TEST(LineBreak, NewlinesForceBreaks) {
    FakeMetrics m;
    auto lines = text::break_lines("一二\n三四", 1000, m, text::Style{10, false});
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1].text, "三四");
}

TEST(LineBreak, EllipsizeCutsToWidth) {
    FakeMetrics m;
    text::Style st{10, false};
    EXPECT_EQ(text::ellipsize("一二三", 30, m, st), "一二三");
    auto cut = text::ellipsize("一二三四五六", 35, m, st); // The ellipsis is 5 px here.
    EXPECT_EQ(cut, "一二三…");
    EXPECT_LE(text::measure(cut, m, st), 35);
}

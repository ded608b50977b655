#include "../support/fake_metrics.hpp"
#include "kiosk/text/line_break.hpp"
#include "kiosk/text/segment.hpp"
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

namespace {

// Every grapheme cluster of `s`, as the segmenter sees it.
std::vector<std::string> clusters_of(std::string_view s) {
    text::Segments seg = text::segment(s);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < seg.size(); ++i)
        out.emplace_back(seg.cluster(i));
    return out;
}

// Lines broken from `s` at every width from 1 to `max_width`: no cluster of `whole` is ever cut,
// and no text is lost but the spaces and newlines at a break.
void expect_clusters_whole(const std::string& s, const std::vector<std::string>& whole,
                           int max_width) {
    FakeMetrics m;
    text::Style st{10, false};
    for (int width = 1; width <= max_width; ++width) {
        for (const auto& line : text::break_lines(s, width, m, st))
            for (const auto& c : whole)
                for (std::size_t cut = 1; cut < c.size(); ++cut) {
                    // A line may not start or end inside the cluster.
                    EXPECT_FALSE(line.text.starts_with(c.substr(cut)) && !line.text.starts_with(c))
                        << "width " << width << " starts inside " << c;
                }
        std::string cut = text::ellipsize(s, width, m, st);
        std::string kept = cut.ends_with("…") ? cut.substr(0, cut.size() - 3) : cut;
        auto kept_clusters = clusters_of(kept);
        auto all = clusters_of(s);
        ASSERT_LE(kept_clusters.size(), all.size());
        for (std::size_t i = 0; i < kept_clusters.size(); ++i)
            EXPECT_EQ(kept_clusters[i], all[i])
                << "ellipsis at width " << width << " cut a cluster";
    }
}

} // namespace

TEST(Segment, EmojiSequencesFlagsAndMarksAreOneCluster) {
    EXPECT_EQ(clusters_of("🇨🇳"), std::vector<std::string>{"🇨🇳"});
    EXPECT_EQ(clusters_of("👨‍👩‍👧"), std::vector<std::string>{"👨‍👩‍👧"});
    EXPECT_EQ(clusters_of("👍🏽"), std::vector<std::string>{"👍🏽"});
    EXPECT_EQ(clusters_of("1️⃣"), std::vector<std::string>{"1️⃣"});
    EXPECT_EQ(clusters_of("e\u0301\u0308"), std::vector<std::string>{"e\u0301\u0308"});
    EXPECT_EQ(clusters_of("\r\n"), std::vector<std::string>{"\r\n"});
    // An odd run of regional indicators pairs from the start; the last one stands alone.
    EXPECT_EQ(clusters_of("🇨🇳🇯🇵🇰"), (std::vector<std::string>{"🇨🇳", "🇯🇵", "🇰"}));
}

TEST(Segment, IllFormedUtf8BecomesReplacementCharactersKeepingWhatFollows) {
    EXPECT_EQ(text::decode_utf8("\xE4"
                                "A"),
              (std::u32string{0xFFFD, U'A'}));
    EXPECT_EQ(text::decode_utf8("\xF0\x9F\x87"
                                "中"),
              (std::u32string{0xFFFD, U'中'}));
    EXPECT_EQ(text::sanitize_utf8("a\xFF"
                                  "b"),
              "a\uFFFDb");
    EXPECT_TRUE(text::valid_utf8("人人出彩🇨🇳"));
    EXPECT_FALSE(text::valid_utf8("\xED\xA0\x80")); // A surrogate.
    EXPECT_FALSE(text::valid_utf8("\xC0\xAF"));     // Overlong.
    EXPECT_EQ(clusters_of("\xE4"
                          "A\xFF"),
              (std::vector<std::string>{"\uFFFD", "A", "\uFFFD"}));
}

TEST(LineBreak, FlagsAndEmojiSequencesAreNeverSplit) {
    const std::string s = "欢迎🇨🇳🇨🇳🇨🇳来宾👨‍👩‍👧参观👍🏽请走1️⃣号门e\u0301\u0301"
                          "x";
    expect_clusters_whole(s, {"🇨🇳", "👨‍👩‍👧", "👍🏽", "1️⃣", "e\u0301\u0301"},
                          120);
}

TEST(LineBreak, OddRunsOfRegionalIndicatorsAndLoneMarksDoNotCrash) {
    FakeMetrics m;
    text::Style st{10, false};
    std::string odd;
    for (int i = 0; i < 51; ++i)
        odd += "🇨";
    for (int width : {1, 7, 33, 1000}) {
        auto lines = text::break_lines(odd, width, m, st);
        std::string joined;
        for (const auto& l : lines)
            joined += l.text;
        EXPECT_EQ(joined, odd);
    }
    EXPECT_FALSE(text::break_lines("\u0301\u0301\u200D\uFE0F", 5, m, st).empty());
}

TEST(LineBreak, EveryKindOfNewlineBreaks) {
    FakeMetrics m;
    text::Style st{10, false};
    for (std::string nl : {"\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085"}) {
        auto lines = text::break_lines("一二" + nl + "三四", 1000, m, st);
        ASSERT_EQ(lines.size(), 2u) << "newline " << nl.size();
        EXPECT_EQ(lines[0].text, "一二");
        EXPECT_EQ(lines[1].text, "三四");
    }
}

TEST(LineBreak, LongRunsWithoutBreaksAndThousandsOfNewlinesStayBounded) {
    FakeMetrics m;
    text::Style st{10, false};
    std::string run(10000, 'x');
    auto lines = text::break_lines(run, 100, m, st); // 20 letters a line.
    EXPECT_EQ(lines.size(), 500u);
    for (const auto& l : lines)
        EXPECT_LE(l.width, 100);
    std::string many(10000, '\n');
    EXPECT_EQ(text::break_lines(many, 100, m, st).size(), 10000u);
}

TEST(LineBreak, AVeryLongTextIsReadOnlyAsFarAsItCanBeShown) {
    FakeMetrics m;
    text::Style st{10, false};
    std::string huge;
    for (int i = 0; i < 400000; ++i)
        huge += "长";
    EXPECT_FALSE(text::fits(huge, 1000, m, st));
    EXPECT_GT(text::measure_up_to(huge, 1000, m, st), 1000);
    EXPECT_EQ(text::measure_up_to("一二三", 1000, m, st), 30);
    auto cut = text::ellipsize(huge, 55, m, st); // Five characters and the ellipsis (5 px).
    EXPECT_EQ(cut, "长长长长长…");
    // Two lines and the start of a third, which says there is more.
    auto lines = text::break_lines(huge, 100, m, st, 2);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].width, 100);
    EXPECT_EQ(lines[1].width, 100);
    // A short text is all there, its last line included.
    auto few = text::break_lines("一二三四五六七八九十一二", 40, m, st, 2);
    ASSERT_EQ(few.size(), 3u);
    EXPECT_EQ(few[2].text, "九十一二");
    EXPECT_EQ(text::break_lines("一二三", 40, m, st, 2).size(), 1u);
}

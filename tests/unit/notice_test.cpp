// Notices written in ordinary Markdown: what each construct becomes on the board.
#include "kiosk/content/notice.hpp"

#include <gtest/gtest.h>

using namespace kiosk::content;

namespace {

std::string text_of(const NoticeBlock& b) {
    std::string s;
    for (const auto& r : b.runs)
        s += r.text;
    return s;
}

} // namespace

TEST(Notice, NumberedListsAreItemsWithTheirNumbers) {
    Notice n = parse_markdown_notice("1. 一号馆\n2. 二号馆\n3. 三号馆\n");
    ASSERT_EQ(n.blocks.size(), 3u);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(n.blocks[static_cast<std::size_t>(i)].kind, NoticeBlockKind::ListItem);
        EXPECT_EQ(n.blocks[static_cast<std::size_t>(i)].marker, std::to_string(i + 1) + ".");
    }
    EXPECT_EQ(text_of(n.blocks[1]), "二号馆");
    // A list may start anywhere.
    EXPECT_EQ(parse_markdown_notice("7. 七\n8. 八\n").blocks[1].marker, "8.");
}

TEST(Notice, EmphasisStrongAndLinksShowTheirTextNotTheirMarks) {
    Notice n = parse_markdown_notice(
        "重点：*机械制造*、_电子信息_、**现代农业**，见[活动官网](https://example.org/x)。");
    ASSERT_EQ(n.blocks.size(), 1u);
    const auto& runs = n.blocks[0].runs;
    EXPECT_EQ(text_of(n.blocks[0]), "重点：机械制造、电子信息、现代农业，见活动官网。");
    bool em = false, strong = false;
    for (const auto& r : runs) {
        if (r.text == "机械制造" || r.text == "电子信息")
            em = em || r.emphasis;
        if (r.text == "现代农业")
            strong = r.strong;
    }
    EXPECT_TRUE(em);
    EXPECT_TRUE(strong);
}

TEST(Notice, UnderscoresInsideWordsStay) {
    Notice n = parse_markdown_notice("my__config__file and snake_case_name");
    EXPECT_EQ(text_of(n.blocks.at(0)), "my__config__file and snake_case_name");
}

TEST(Notice, QuotesNestedListsAndBreaks) {
    Notice n = parse_markdown_notice("> 注意安全\n\n- 入口\n  - 东门\n  - 西门\n- 出口\n\n"
                                     "第一行  \n第二行\n\n---\n\n## 小标题\n");
    ASSERT_GE(n.blocks.size(), 7u);
    EXPECT_EQ(n.blocks[0].quote_depth, 1);
    EXPECT_EQ(text_of(n.blocks[0]), "注意安全");
    EXPECT_EQ(n.blocks[1].marker, "•");
    EXPECT_EQ(n.blocks[1].list_depth, 1);
    EXPECT_EQ(n.blocks[2].marker, "◦");
    EXPECT_EQ(n.blocks[2].list_depth, 2);
    EXPECT_EQ(text_of(n.blocks[4]), "出口");
    EXPECT_EQ(text_of(n.blocks[5]), "第一行\n第二行"); // A hard break.
    EXPECT_EQ(n.blocks[6].kind, NoticeBlockKind::Rule);
    EXPECT_EQ(n.blocks.back().kind, NoticeBlockKind::Heading);
}

TEST(Notice, LinesOfAParagraphJoinWithoutASpaceBetweenChineseCharacters) {
    Notice n = parse_markdown_notice("进入场馆请\n全程佩戴口罩\nplease wear\na mask");
    EXPECT_EQ(text_of(n.blocks.at(0)), "进入场馆请全程佩戴口罩please wear a mask");
}

TEST(Notice, EntitiesAreDecoded) {
    Notice n = parse_markdown_notice("A &amp; B &#20013; &#x6587; &copy; &unknown;");
    EXPECT_EQ(text_of(n.blocks.at(0)), "A & B 中 文 © &unknown;");
}

TEST(Notice, WhatIsNotDrawnIsNamed) {
    Notice n = parse_markdown_notice(
        "![海报](posters/a.jpg)\n\n<div>x</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    ASSERT_EQ(n.omitted.size(), 3u);
    EXPECT_EQ(n.omitted[0].what, "image");
    EXPECT_EQ(n.omitted[0].source, "posters/a.jpg");
    EXPECT_EQ(n.omitted[1].what, "HTML");
    EXPECT_EQ(n.omitted[2].what, "table");
    // The table's text is still shown, a row a line.
    bool row = false;
    for (const auto& b : n.blocks)
        row = row || (b.kind == NoticeBlockKind::TableRow && text_of(b) == "1\u3000\u30002");
    EXPECT_TRUE(row);
}

TEST(Notice, ThePlainFormOfOlderBundles) {
    Notice n = plain_notice("第一段\n• 一项\n\n第二段");
    ASSERT_EQ(n.blocks.size(), 3u);
    EXPECT_EQ(n.blocks[1].kind, NoticeBlockKind::ListItem);
    EXPECT_EQ(text_of(n.blocks[1]), "一项");
    EXPECT_EQ(notice_text(n), "第一段\n• 一项\n第二段");
}

TEST(Notice, HostileInputNeverFails) {
    std::string deep(5000, '>');
    std::string lists;
    for (int i = 0; i < 200; ++i)
        lists += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- x\n";
    for (const std::string& s :
         {deep + " x", lists, std::string("\0\0*a", 4), std::string(10000, '*'),
          std::string("[") + std::string(3000, '[') + "x"}) {
        Notice n = parse_markdown_notice(s);
        for (const auto& b : n.blocks)
            EXPECT_GE(b.list_depth, 0);
    }
}

// The font chain on the real fonts: every GBK character drawn with ink, emoji sequences drawn as
// one picture in their colours, and what no font has reported.
#include "../support/code_page.hpp"
#include "kiosk/media/font_set.hpp"
#include "kiosk/text/utf8.hpp"

#include <gtest/gtest.h>

#include <iconv.h>

#include <filesystem>
#include <set>

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

const fs::path kCjk = fs::path(KIOSK_SOURCE_DIR) / "fonts" / "kiosk-cjk.ttf";

std::unique_ptr<media::FontSet> chain() {
    auto f = media::FontSet::open(kCjk);
    EXPECT_TRUE(f) << f.error().message;
    return f ? std::move(*f) : nullptr;
}

std::string utf8(char32_t cp) {
    std::string s;
    text::append_utf8(s, cp);
    return s;
}

// Pixels with any ink, and how many of them are coloured (text is drawn in black here).
struct Ink {
    int inked{};
    int colored{};
};

Ink ink_of(SDL_Surface* s) {
    Ink ink;
    if (s == nullptr)
        return ink;
    for (int y = 0; y < s->h; ++y) {
        const auto* row = reinterpret_cast<const Uint32*>(
            static_cast<const Uint8*>(s->pixels) + static_cast<std::ptrdiff_t>(y) * s->pitch);
        for (int x = 0; x < s->w; ++x) {
            Uint32 p = row[x];
            Uint8 a = static_cast<Uint8>(p >> 24);
            Uint8 r = static_cast<Uint8>(p >> 16);
            Uint8 g = static_cast<Uint8>(p >> 8);
            Uint8 b = static_cast<Uint8>(p);
            if (a == 0)
                continue;
            ++ink.inked;
            if (a > 128 && r + g + b > 180)
                ++ink.colored;
        }
    }
    return ink;
}

const text::Style kStyle{32, false};
const Color kBlack{0, 0, 0, 255};

} // namespace

TEST(FontChain, EveryCharacterOfGbkIsDrawnWithInk) {
    auto f = chain();
    ASSERT_TRUE(f);
    auto all = test::gbk();
    EXPECT_GT(all.size(), 21000u);
    all.erase(0x3000); // The ideographic space is meant to be empty.
    const std::vector<char32_t> chars(all.begin(), all.end());
    const text::Style st{16, false};
    std::string blank;
    int count = 0;
    // A hundred characters a line, each looked for in its own columns.
    for (std::size_t from = 0; from < chars.size(); from += 100) {
        std::string line;
        std::vector<int> starts;
        int pen = 0;
        for (std::size_t i = from; i < std::min(chars.size(), from + 100); ++i) {
            starts.push_back(pen);
            line += utf8(chars[i]);
            pen += f->advance(utf8(chars[i]), st);
        }
        starts.push_back(pen);
        auto s = f->render(line, st, kBlack);
        ASSERT_TRUE(s);
        for (std::size_t k = 0; k + 1 < starts.size(); ++k) {
            bool inked = false;
            for (int y = 0; y < s->h && !inked; ++y) {
                const auto* row =
                    reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(s->pixels) +
                                                    static_cast<std::ptrdiff_t>(y) * s->pitch);
                for (int x = starts[k]; x < starts[k + 1] && !inked; ++x)
                    inked = (row[x] >> 24) != 0;
            }
            if (!inked && ++count < 40)
                blank += utf8(chars[from + k]) + " ";
        }
    }
    EXPECT_EQ(count, 0) << "drawn without ink: " << blank;
}

TEST(FontChain, DegreesCelsiusAndPinyinComeFromTheNextFont) {
    auto f = chain();
    ASSERT_TRUE(f);
    for (const char* s : {"30℃", "ǎ", "Ⅴ"}) {
        EXPECT_TRUE(f->missing(s).empty()) << s;
        auto one = f->render(s, kStyle, kBlack);
        EXPECT_GT(ink_of(one.get()).inked, 20) << s;
    }
    // "30℃" is as wide as "30" and a character more: ℃ is not a blank of zero width.
    EXPECT_GT(text::measure("30℃", *f, kStyle), text::measure("30", *f, kStyle) + kStyle.px / 3);
}

TEST(FontChain, EmojiSequencesAreOnePictureInColour) {
    auto f = chain();
    ASSERT_TRUE(f);
    const int one = text::measure("😀", *f, kStyle);
    EXPECT_GT(one, kStyle.px / 2);
    for (const char* s : {"🇨🇳", "👨‍👩‍👧", "👍🏽", "1️⃣", "❤️"}) {
        EXPECT_TRUE(f->missing(s).empty()) << s;
        // One picture wide, not one box or picture per code point.
        EXPECT_EQ(text::measure(s, *f, kStyle), one) << s;
        auto pic = f->render(s, kStyle, kBlack);
        Ink ink = ink_of(pic.get());
        EXPECT_GT(ink.colored, 100) << s << " is not drawn in colour";
    }
    // Text drawn in black stays black around a picture.
    auto mixed = f->render("国庆🇨🇳", kStyle, kBlack);
    ASSERT_TRUE(mixed);
    EXPECT_GT(ink_of(mixed.get()).colored, 100);
}

TEST(FontChain, TextPresentationAsksForTheSymbolNotThePicture) {
    auto f = chain();
    ASSERT_TRUE(f);
    auto text_sun = f->render("☀\uFE0E", kStyle, kBlack);
    auto emoji_sun = f->render("☀\uFE0F", kStyle, kBlack);
    EXPECT_EQ(ink_of(text_sun.get()).colored, 0);
    EXPECT_GT(ink_of(emoji_sun.get()).colored, 50);
}

TEST(FontChain, WhatNoFontHasIsReportedAndDrawnAsABox) {
    auto f = chain();
    ASSERT_TRUE(f);
    EXPECT_EQ(f->missing("a\U0010FFFDb"), std::u32string{0x10FFFD});
    EXPECT_EQ(f->missing("\uFFFF"), std::u32string{0xFFFF});
    auto box = f->render("\U0010FFFD", kStyle, kBlack);
    EXPECT_GT(ink_of(box.get()).inked, 10);
    // Controls and format characters draw nothing and are not missing.
    EXPECT_TRUE(f->missing("\u200D\u202E\uFEFF\u0007").empty());
    EXPECT_EQ(text::measure("\u200D\u202E\uFEFF", *f, kStyle), 0);
}

TEST(FontChain, AWrongFallbackIsLeftOutAndTheRestStillDraws) {
    auto f = media::FontSet::open(kCjk, {"/nonexistent/font.ttf", kCjk});
    ASSERT_TRUE(f);
    EXPECT_GT(ink_of((*f)->render("人", kStyle, kBlack).get()).inked, 10);
    EXPECT_FALSE(media::FontSet::open("/nonexistent/font.ttf"));
}

TEST(FontChain, ALineWithMoreClustersThanTheCacheHoldsIsDrawnWhole) {
    // Shaping the later clusters of a line clears the cache of shaped clusters midway (it keeps
    // 16,384): the earlier ones must not be read from it afterwards.
    auto f = chain();
    ASSERT_TRUE(f);
    std::string line;
    int n = 0;
    for (char32_t c : test::gbk())
        if (c >= 0x4E00 && n++ < 17000)
            line += utf8(c);
    const text::Style st{6, false};
    auto s = f->render(line, st, kBlack);
    ASSERT_TRUE(s);
    EXPECT_GE(s->w, text::measure(line, *f, st));
    EXPECT_GT(ink_of(s.get()).inked, 17000);
}

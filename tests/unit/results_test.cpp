#include "kiosk/content/results.hpp"

#include <gtest/gtest.h>

using namespace kiosk::content;

namespace {

std::vector<ResultEntry> entries(std::initializer_list<double> scores) {
    std::vector<ResultEntry> out;
    int i = 0;
    for (double s : scores)
        out.push_back({"校" + std::to_string(i++), "", s, ""});
    return out;
}

std::vector<int> ranks(const std::vector<RankedEntry>& r) {
    std::vector<int> out;
    for (const auto& x : r)
        out.push_back(x.rank);
    return out;
}

} // namespace

TEST(Ranking, HighestScoreFirst) {
    auto e = entries({80, 95.5, 90});
    auto r = rank(e);
    EXPECT_EQ(ranks(r), (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(r[0].entry->team, "校1");
    EXPECT_FALSE(r[0].tied);
}

TEST(Ranking, TiesShareARankAndTheNextRankIsSkipped) {
    auto e = entries({90, 95, 90, 85, 95});
    auto r = rank(e);
    EXPECT_EQ(ranks(r), (std::vector<int>{1, 1, 3, 3, 5}));
    EXPECT_TRUE(r[0].tied && r[1].tied && r[2].tied && r[3].tied);
    EXPECT_FALSE(r[4].tied);
    // Equal scores keep the order of the sheet.
    EXPECT_EQ(r[0].entry->team, "校1");
    EXPECT_EQ(r[1].entry->team, "校4");
}

TEST(Ranking, FloatingPointNoiseIsATie) {
    auto e = entries({0.1 + 0.2, 0.3});
    EXPECT_EQ(ranks(rank(e)), (std::vector<int>{1, 1}));
}

TEST(Results, ParsesAndFindsEvents) {
    auto r = parse_results(R"({"sample": true, "updated": "2020-11-10T15:30:00+08:00", "events": [
      {"event": "数控车", "final": true, "entries": [{"team": "A", "contestant": "选手01", "score": 91.5, "award": "一等奖"}]}]})",
                           "r.json");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->sample);
    ASSERT_NE(r->find("数控车"), nullptr);
    EXPECT_TRUE(r->find("数控车")->final);
    EXPECT_EQ(r->find("烹饪"), nullptr);
}

TEST(Results, ANonNumericScoreIsRefusedWithItsPlace) {
    auto r = parse_results(
        R"({"events": [{"event": "x", "entries": [{"team": "A", "score": 1}, {"team": "B", "score": "九十"}]}]})",
        "r.json");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "r.json: events[0].entries[1]: field \"score\" must be a number");
}

TEST(Ranking, ScoresAreComparedExactlyAsEntered) {
    // Within a thousandth of each other, but different scores: no tie (they tied before).
    auto e = entries({85.2501, 85.25, 85.2504});
    auto r = rank(e);
    EXPECT_EQ(ranks(r), (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(r[0].entry->team, "校2");
    EXPECT_FALSE(r[0].tied);
}

TEST(Ranking, ContestantsWithoutAScoreComeLastUnranked) {
    std::vector<ResultEntry> e = {{"缺考校", "", std::nullopt, "", "缺考"},
                                  {"甲", "", 90.0, "", "90"},
                                  {"弃权校", "", std::nullopt, "", "弃权"},
                                  {"乙", "", 95.5, "", "95.50"},
                                  {"空白校", "", std::nullopt, "", ""}};
    auto r = rank(e);
    EXPECT_EQ(ranks(r), (std::vector<int>{1, 2, 0, 0, 0}));
    EXPECT_EQ(r[2].entry->team, "缺考校"); // In the sheet's order.
    EXPECT_EQ(r[3].entry->team, "弃权校");
    EXPECT_EQ(r[4].entry->team, "空白校");
    EXPECT_FALSE(r[2].tied);
    EXPECT_EQ(score_text(*r[0].entry), "95.50"); // As entered.
    EXPECT_EQ(score_text(*r[3].entry), "弃权");
    EXPECT_EQ(score_text(*r[4].entry), "—");
    // Without the text the sheet gave, a number keeps its decimals, and a whole one shows one.
    EXPECT_EQ(score_text({"a", "", 85.25, "", ""}), "85.25");
    EXPECT_EQ(score_text({"a", "", 92.0, "", ""}), "92.0");
}

TEST(Results, AnEntryMayHaveNoScoreAndKeepsTheTextEntered) {
    auto r = parse_results(
        R"({"events": [{"event": "x", "entries": [{"team": "A", "score": 85.25, "score_text": "85.25"},
            {"team": "B", "score": null, "score_text": "缺考"}, {"team": "C"}]}]})",
        "r.json");
    ASSERT_TRUE(r) << r.error().message;
    const auto& e = r->events[0].entries;
    ASSERT_EQ(e.size(), 3u);
    EXPECT_EQ(e[0].score, 85.25);
    EXPECT_EQ(e[0].score_text, "85.25");
    EXPECT_FALSE(e[1].score);
    EXPECT_EQ(e[1].score_text, "缺考");
    EXPECT_FALSE(e[2].score);
}

TEST(Results, AScoreOrItsTextChangingIsAChange) {
    Results before, after;
    before.events.push_back({"x", false, {{"A", "", 85.25, "", "85.25"}}});
    after.events.push_back({"x", false, {{"A", "", 85.2504, "", "85.2504"}}});
    EXPECT_EQ(changed_entries(before, after).size(), 1u);
    after.events[0].entries[0] = {"A", "", std::nullopt, "", "弃权"};
    EXPECT_EQ(changed_entries(before, after).size(), 1u);
    EXPECT_TRUE(changed_entries(before, before).empty());
}

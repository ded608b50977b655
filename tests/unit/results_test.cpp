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

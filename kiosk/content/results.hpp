// Competition results and their ranking (equal scores share a rank: 1, 2, 2, 4).
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::content {

struct ResultEntry {
    std::string team;
    std::string contestant;
    // None for a contestant without a score (absent, withdrew, left blank): listed unranked,
    // after the ranked ones.
    std::optional<double> score;
    std::string award;
    // The score as the sheet gave it ("85.25", "缺考", "弃权"), shown as it is; when empty the
    // score is shown as a number (score_text()).
    std::string score_text{};
};

// What a board shows in the score column: the text as entered, else the number with at least one
// decimal (92.0, 85.25), else a dash.
std::string score_text(const ResultEntry& e);

struct EventResults {
    std::string event;
    bool final{false};
    std::vector<ResultEntry> entries;
};

struct Results {
    bool sample{false};
    std::optional<TimePoint> updated;
    std::int64_t sequence{0}; // A live feed's number: only higher ones are taken.
    std::vector<EventResults> events;
    const EventResults* find(const std::string& event) const;
};

Result<Results> parse_results(std::string_view json_text, const std::string& file);

struct RankedEntry {
    int rank{}; // 0 for an entry without a score.
    bool tied{false};
    const ResultEntry* entry{};
};

// Keys (event, team, contestant) of the entries that are new in `now` or whose score or award
// differs from `before`: the rows a board highlights after an update.
std::vector<std::string> changed_entries(const Results& before, const Results& now);
std::string entry_key(const std::string& event, const ResultEntry& e);

// Highest score first; equal scores share a rank, in their original order; entries without a
// score last, unranked, in their original order. Scores are compared exactly as entered: to 15
// significant digits, a spreadsheet's precision, so that 85.2501 is above 85.25 but a formula's
// 0.30000000000000004 is the 0.3 the sheet shows.
std::vector<RankedEntry> rank(const std::vector<ResultEntry>& entries);

} // namespace kiosk::content

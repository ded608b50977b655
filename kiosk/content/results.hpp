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
    double score{};
    std::string award;
};

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
    int rank{};
    bool tied{false};
    const ResultEntry* entry{};
};

// Keys (event, team, contestant) of the entries that are new in `now` or whose score or award
// differs from `before`: the rows a board highlights after an update.
std::vector<std::string> changed_entries(const Results& before, const Results& now);
std::string entry_key(const std::string& event, const ResultEntry& e);

// Highest score first; equal scores (to a thousandth) share a rank, in their original order.
std::vector<RankedEntry> rank(const std::vector<ResultEntry>& entries);

} // namespace kiosk::content

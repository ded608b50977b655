// Validity windows (day-parting): a date range, weekdays and daily hours, in the bundle's time
// zone.
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/core/time.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::content {

struct DailyHours {
    std::chrono::minutes start{}; // Since local midnight.
    std::chrono::minutes end{};   // Before `start` when the span crosses midnight.
    friend bool operator==(const DailyHours&, const DailyHours&) = default;
};

struct Window {
    std::optional<TimePoint> from;  // Inclusive.
    std::optional<TimePoint> until; // Exclusive.
    unsigned weekdays{0x7F};        // Bit d-1 for ISO weekday d (1 = Monday); all days by default.
    std::vector<DailyHours> hours;  // Empty: all day.

    bool always() const { return !from && !until && weekdays == 0x7F && hours.empty(); }
};

// Whether `t` is inside the window. A span across midnight belongs to the day it starts on: with
// weekdays Monday only, 22:00–02:00 is Monday 22:00 to Tuesday 02:00.
bool contains(const Window& w, TimePoint t, std::chrono::minutes utc_offset);

// The first moment after `t` at which `contains` may change; max() if never.
TimePoint next_boundary(const Window& w, TimePoint t, std::chrono::minutes utc_offset);

// Whether the window is open at any moment in [from, to).
bool opens_between(const Window& w, TimePoint from, TimePoint to, std::chrono::minutes utc_offset);

// Parses a date (`2020-11-08`) or a date-time, at the bundle's offset. A date as `from` is the
// start of that day; as `until`, the end of it (so "until 2020-11-14" includes the 14th).
enum class DateEdge { Start, End };
std::optional<TimePoint> parse_date_or_time(const std::string& s, std::chrono::minutes utc_offset,
                                            DateEdge edge);
// `08:00-18:00` or `22:00-02:00`; `24:00` is allowed as an end.
std::optional<DailyHours> parse_hours(const std::string& s);
// `1-5`, `6,7`, `1,3-5`; 1 is Monday.
std::optional<unsigned> parse_weekdays(const std::string& s);

} // namespace kiosk::content

// Points in time, ISO 8601 parsing and local calendar arithmetic at a fixed UTC offset.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

using Duration = std::chrono::milliseconds;
using TimePoint = std::chrono::sys_time<Duration>;

// Parses `2020-11-08T09:30:00+08:00`, `…Z` and fractional seconds. A bare date is refused:
// without an offset the moment is ambiguous.
std::optional<TimePoint> parse_datetime(std::string_view text);

// Parses `+08:00`, `-05:30` or `Z`.
std::optional<std::chrono::minutes> parse_utc_offset(std::string_view text);

// A wall-clock reading at a fixed offset from UTC.
struct LocalTime {
    int year{};
    int month{};   // 1..12
    int day{};     // 1..31
    int weekday{}; // ISO: 1 = Monday … 7 = Sunday
    int hour{};
    int minute{};
    int second{};
};

LocalTime to_local(TimePoint t, std::chrono::minutes offset);

// The moment the local day containing `t` began.
TimePoint start_of_local_day(TimePoint t, std::chrono::minutes offset);

// `09:30`
std::string format_hhmm(TimePoint t, std::chrono::minutes offset);
// `2020-11-08T09:30:00+08:00`
std::string format_iso(TimePoint t, std::chrono::minutes offset);
// `2020-11-08T01:30:00.250Z`, for logs that are compared to the millisecond.
std::string format_iso_ms(TimePoint t);
// `11月8日 星期日`
std::string format_chinese_date(TimePoint t, std::chrono::minutes offset);

// The first whole minute strictly after `t` (for redrawing a clock once a minute).
TimePoint next_minute(TimePoint t);

} // namespace kiosk

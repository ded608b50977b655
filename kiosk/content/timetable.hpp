// The week's timetable and what is running now and next, in the bundle's time zone.
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/core/time.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace kiosk::content {

struct Event {
    std::string title;
    TimePoint start;
    TimePoint end;
    std::string place;
    bool invented{false}; // Time or place not given by the organiser's plan.
};

struct Timetable {
    std::vector<Event> events; // Sorted by start, then end.
};

Result<Timetable> parse_timetable(std::string_view json_text, const std::string& file);

enum class EventState { Past, Running, Next, Later };

struct DayEntry {
    const Event* event{};
    EventState state{EventState::Later};
};

struct DayView {
    TimePoint day_start;           // Local midnight of `now`'s day.
    std::vector<DayEntry> entries; // Every event that touches this local day, in order.
    const Event* next_later{
        nullptr}; // The next event if today has none left, e.g. tomorrow's first.
};

// Today's events around `now`: those running are Running, the first to start after `now` is Next.
DayView day_view(const Timetable& t, TimePoint now, std::chrono::minutes utc_offset);

// When the view of `now` changes next (an event starts or ends, or the day turns).
TimePoint next_change(const Timetable& t, TimePoint now, std::chrono::minutes utc_offset);

} // namespace kiosk::content

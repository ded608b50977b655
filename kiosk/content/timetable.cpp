// Timetable parsing and the now/next rules.
#include "kiosk/content/timetable.hpp"

#include "kiosk/content/json_util.hpp"

#include <algorithm>

namespace kiosk::content {

Result<Timetable> parse_timetable(std::string_view text, const std::string& file) {
    auto parsed = detail::parse_json(text, file);
    if (!parsed)
        return std::unexpected(parsed.error());
    const auto& j = *parsed;
    auto events = j.is_object() ? j.find("events") : j.end();
    if (!j.is_object() || events == j.end() || !events->is_array())
        return fail(file + ": field \"events\" must be a list");
    Timetable t;
    for (std::size_t i = 0; i < events->size(); ++i) {
        const auto& e = (*events)[i];
        const std::string where = file + ": events[" + std::to_string(i) + "]";
        if (!e.is_object())
            return fail(where + " must be an object");
        Event ev;
        auto title = detail::get_string(e, "title", where);
        if (!title)
            return std::unexpected(title.error());
        auto start = detail::get_datetime(e, "start", where);
        if (!start)
            return std::unexpected(start.error());
        auto end = detail::get_datetime(e, "end", where);
        if (!end)
            return std::unexpected(end.error());
        if (*end <= *start)
            return fail(where + ": field \"end\" must be after \"start\"");
        std::string err;
        ev.place = detail::opt_string(e, "place", where, err).value_or("");
        if (!err.empty())
            return fail(err);
        if (auto inv = e.find("invented"); inv != e.end()) {
            if (!inv->is_boolean())
                return fail(where + ": field \"invented\" must be true or false");
            ev.invented = inv->get<bool>();
        }
        ev.title = *title;
        ev.start = *start;
        ev.end = *end;
        t.events.push_back(std::move(ev));
    }
    std::stable_sort(t.events.begin(), t.events.end(), [](const Event& a, const Event& b) {
        return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    return t;
}

DayView day_view(const Timetable& t, TimePoint now, std::chrono::minutes utc_offset) {
    DayView v;
    v.day_start = start_of_local_day(now, utc_offset);
    TimePoint day_end = v.day_start + std::chrono::days{1};
    const Event* next = nullptr;
    for (const auto& e : t.events) {
        if (e.start > now && (next == nullptr || e.start < next->start))
            next = &e;
    }
    for (const auto& e : t.events) {
        if (e.end <= v.day_start || e.start >= day_end)
            continue;
        DayEntry entry{&e, EventState::Later};
        if (e.end <= now)
            entry.state = EventState::Past;
        else if (e.start <= now)
            entry.state = EventState::Running;
        else if (next != nullptr && e.start == next->start)
            entry.state = EventState::Next;
        v.entries.push_back(entry);
    }
    bool more_today = std::any_of(v.entries.begin(), v.entries.end(),
                                  [](const DayEntry& e) { return e.state != EventState::Past; });
    if (next != nullptr && next->start >= day_end && !more_today)
        v.next_later = next;
    return v;
}

TimePoint next_change(const Timetable& t, TimePoint now, std::chrono::minutes utc_offset) {
    TimePoint best = start_of_local_day(now, utc_offset) + std::chrono::days{1};
    for (const auto& e : t.events) {
        if (e.start > now && e.start < best)
            best = e.start;
        if (e.end > now && e.end < best)
            best = e.end;
    }
    return best;
}

} // namespace kiosk::content

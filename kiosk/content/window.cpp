// Window evaluation by local calendar arithmetic.
#include "kiosk/content/window.hpp"

#include <algorithm>
#include <charconv>

namespace kiosk::content {
namespace {

using std::chrono::days;
using std::chrono::minutes;

bool weekday_ok(const Window& w, TimePoint day_start, minutes off) {
    int wd = to_local(day_start, off).weekday;
    return (w.weekdays >> (wd - 1)) & 1u;
}

bool in_hours(const Window& w, TimePoint t, minutes off) {
    TimePoint today = start_of_local_day(t, off);
    auto tod = std::chrono::duration_cast<minutes>(t - today);
    if (w.hours.empty())
        return weekday_ok(w, today, off);
    for (const auto& h : w.hours) {
        if (h.start < h.end) {
            if (tod >= h.start && tod < h.end && weekday_ok(w, today, off))
                return true;
        } else if (h.start > h.end) {
            // Across midnight: the evening part belongs to today, the morning part to yesterday.
            if (tod >= h.start && weekday_ok(w, today, off))
                return true;
            if (tod < h.end && weekday_ok(w, today - days{1}, off))
                return true;
        }
    }
    return false;
}

std::optional<int> two_digits(std::string_view s) {
    int v = 0;
    if (s.size() != 2 || std::from_chars(s.data(), s.data() + 2, v).ptr != s.data() + 2)
        return std::nullopt;
    return v;
}

std::optional<minutes> parse_hhmm(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    if (s.size() == 4 && s[1] == ':') // 8:00
        return parse_hhmm(std::string("0") + std::string(s));
    if (s.size() != 5 || s[2] != ':')
        return std::nullopt;
    auto h = two_digits(s.substr(0, 2));
    auto m = two_digits(s.substr(3, 2));
    if (!h || !m || *m > 59 || *h > 24 || (*h == 24 && *m != 0))
        return std::nullopt;
    return minutes{*h * 60 + *m};
}

} // namespace

bool contains(const Window& w, TimePoint t, minutes off) {
    if (w.from && t < *w.from)
        return false;
    if (w.until && t >= *w.until)
        return false;
    return in_hours(w, t, off);
}

TimePoint next_boundary(const Window& w, TimePoint t, minutes off) {
    TimePoint best = TimePoint::max();
    auto consider = [&](TimePoint c) {
        if (c > t && c < best)
            best = c;
    };
    if (w.from)
        consider(*w.from);
    if (w.until)
        consider(*w.until);
    if (w.until && t >= *w.until)
        return best; // Closed for good.
    if (w.weekdays == 0x7F && w.hours.empty())
        return best;
    TimePoint today = start_of_local_day(t, off);
    consider(today + days{1}); // Weekdays change at midnight.
    for (const auto& h : w.hours) {
        for (int d = -1; d <= 1; ++d) {
            TimePoint base = today + days{d};
            consider(base + h.start);
            consider(base + (h.end > h.start ? h.end : h.end + days{1}));
        }
    }
    return best;
}

bool opens_between(const Window& w, TimePoint from, TimePoint to, minutes off) {
    TimePoint t = from;
    // Each step lands on a boundary, where the state can change: a year of daily hours is a few
    // thousand steps.
    for (int guard = 0; t < to && guard < 100000; ++guard) {
        if (contains(w, t, off))
            return true;
        TimePoint next = next_boundary(w, t, off);
        if (next == TimePoint::max())
            return false;
        t = next;
    }
    return false;
}

std::optional<TimePoint> parse_date_or_time(const std::string& s, minutes off, DateEdge edge) {
    if (auto t = parse_datetime(s))
        return t;
    // `2020-11-08 09:30` (a spreadsheet's form) at the bundle's offset.
    if (s.size() == 16 && (s[10] == ' ' || s[10] == 'T')) {
        std::string sign = off < minutes{0} ? "-" : "+";
        auto a = off < minutes{0} ? -off.count() : off.count();
        char buf[8];
        std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(a / 60),
                      static_cast<int>(a % 60));
        return parse_datetime(s.substr(0, 10) + "T" + s.substr(11) + ":00" + sign + buf);
    }
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return std::nullopt;
    auto midnight = parse_datetime(s + "T00:00:00Z");
    if (!midnight)
        return std::nullopt;
    TimePoint local_start = *midnight - off;
    return edge == DateEdge::Start ? local_start : local_start + days{1};
}

std::optional<DailyHours> parse_hours(const std::string& s) {
    auto dash = s.find('-');
    if (dash == std::string::npos)
        dash = s.find("–") != std::string::npos ? s.find("–") : std::string::npos;
    if (dash == std::string::npos)
        return std::nullopt;
    std::size_t after = s.compare(dash, 3, "–") == 0 ? dash + 3 : dash + 1;
    auto a = parse_hhmm(std::string_view(s).substr(0, dash));
    auto b = parse_hhmm(std::string_view(s).substr(after));
    if (!a || !b || *a == *b || *a == minutes{24 * 60})
        return std::nullopt;
    // `24:00` stays 1440 minutes: 18:00-24:00 ends at midnight and 00:00-24:00 is the whole day.
    return DailyHours{*a, *b};
}

std::optional<unsigned> parse_weekdays(const std::string& s) {
    unsigned bits = 0;
    std::size_t pos = 0;
    while (pos <= s.size()) {
        auto comma = s.find(',', pos);
        if (comma == std::string::npos)
            comma = s.size();
        std::string part = s.substr(pos, comma - pos);
        std::erase(part, ' ');
        auto dash = part.find('-');
        int lo = 0;
        int hi = 0;
        auto num = [](const std::string& x, int& v) {
            return !x.empty() &&
                   std::from_chars(x.data(), x.data() + x.size(), v).ptr == x.data() + x.size();
        };
        if (dash == std::string::npos) {
            if (!num(part, lo))
                return std::nullopt;
            hi = lo;
        } else if (!num(part.substr(0, dash), lo) || !num(part.substr(dash + 1), hi)) {
            return std::nullopt;
        }
        if (lo < 1 || hi > 7 || lo > hi)
            return std::nullopt;
        for (int d = lo; d <= hi; ++d)
            bits |= 1u << (d - 1);
        pos = comma + 1;
    }
    return bits == 0 ? std::nullopt : std::optional<unsigned>(bits);
}

} // namespace kiosk::content

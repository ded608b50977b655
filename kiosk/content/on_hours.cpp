// On-hours: parsing, the on/off state at a moment, and the next switch.
#include "kiosk/content/on_hours.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

namespace kiosk::content {
namespace {

constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr int kDay = 24 * 60;

std::string trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return std::string(s);
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    for (;;) {
        auto next = s.find(sep, pos);
        out.push_back(trim(s.substr(pos, next == std::string_view::npos ? next : next - pos)));
        if (next == std::string_view::npos)
            return out;
        pos = next + 1;
    }
}

int day_index(const std::string& name) {
    for (std::size_t i = 0; i < kDays.size(); ++i)
        if (name == kDays[i])
            return static_cast<int>(i);
    return -1;
}

// `HH:MM`, 00:00 to 24:00.
std::optional<int> parse_clock(const std::string& s) {
    if (s.size() != 5 || s[2] != ':')
        return std::nullopt;
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (s[i] < '0' || s[i] > '9')
            return std::nullopt;
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return std::nullopt;
    return h * 60 + m;
}

Result<std::vector<int>> parse_days(const std::string& key) {
    if (key == "daily")
        return std::vector<int>{0, 1, 2, 3, 4, 5, 6};
    std::vector<int> days;
    for (const auto& part : split(key, ',')) {
        auto dash = part.find('-');
        if (dash == std::string::npos) {
            int d = day_index(part);
            if (d < 0)
                return fail("\"" + part + "\" is not a day (mon, tue, wed, thu, fri, sat, sun)");
            days.push_back(d);
            continue;
        }
        int a = day_index(trim(part.substr(0, dash)));
        int b = day_index(trim(part.substr(dash + 1)));
        if (a < 0 || b < 0)
            return fail("\"" + part + "\" is not a range of days like mon-fri");
        for (int d = a;; d = (d + 1) % 7) { // sat-mon wraps round the week.
            days.push_back(d);
            if (d == b)
                break;
        }
    }
    return days;
}

Result<std::vector<OnHours::Span>> parse_spans(const std::string& value) {
    std::vector<OnHours::Span> spans;
    if (trim(value) == "off")
        return spans;
    for (const auto& part : split(value, ',')) {
        auto dash = part.find('-');
        auto start =
            dash == std::string::npos ? std::nullopt : parse_clock(trim(part.substr(0, dash)));
        auto end =
            dash == std::string::npos ? std::nullopt : parse_clock(trim(part.substr(dash + 1)));
        if (!start || !end || *start == *end || *start == kDay)
            return fail("\"" + part + "\" is not hours like 07:30-21:00 (or \"off\")");
        // An end before the start runs past midnight: 18:00-02:00 ends at 02:00 the next day.
        spans.push_back({*start, *end > *start ? *end : *end + kDay});
    }
    std::sort(spans.begin(), spans.end(), [](auto& x, auto& y) { return x.start < y.start; });
    for (std::size_t i = 1; i < spans.size(); ++i)
        if (spans[i].start < spans[i - 1].end)
            return fail("\"" + value + "\": the hours overlap");
    return spans;
}

std::string hhmm(int minutes) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
    return buf;
}

} // namespace

Result<OnHours> OnHours::parse(const std::vector<std::pair<std::string, std::string>>& entries) {
    OnHours h;
    h.m_always = false;
    std::array<bool, 7> named{};
    for (const auto& [key, value] : entries) {
        auto days = parse_days(trim(key));
        if (!days)
            return std::unexpected(days.error());
        auto spans = parse_spans(value);
        if (!spans)
            return fail("\"" + key + "\": " + spans.error().message);
        for (int d : *days) {
            if (named[static_cast<std::size_t>(d)])
                return fail("\"" + key + "\": " + kDays[static_cast<std::size_t>(d)] +
                            " is given twice");
            named[static_cast<std::size_t>(d)] = true;
            h.m_days[static_cast<std::size_t>(d)] = *spans;
        }
    }
    return h;
}

bool OnHours::is_on(TimePoint t, std::chrono::minutes offset) const {
    if (m_always)
        return true;
    auto local = to_local(t, offset);
    int minute = local.hour * 60 + local.minute;
    auto today = static_cast<std::size_t>(local.weekday - 1);
    auto yesterday = (today + 6) % 7;
    for (const auto& s : m_days[today])
        if (minute >= s.start && minute < s.end)
            return true;
    for (const auto& s : m_days[yesterday])
        if (minute + kDay < s.end)
            return true;
    return false;
}

TimePoint OnHours::next_switch(TimePoint t, std::chrono::minutes offset) const {
    if (m_always)
        return TimePoint::max();
    // Every span's start and end from yesterday to a week ahead, in order: the first one after
    // `t` where the state differs from now is the switch.
    const bool on = is_on(t, offset);
    const TimePoint midnight = start_of_local_day(t, offset);
    auto today = static_cast<std::size_t>(to_local(t, offset).weekday - 1);
    std::vector<TimePoint> edges;
    for (int k = -1; k <= 8; ++k) {
        const auto& spans = m_days[(today + static_cast<std::size_t>(k + 7)) % 7];
        TimePoint day = midnight + std::chrono::days{k};
        for (const auto& s : spans) {
            edges.push_back(day + std::chrono::minutes{s.start});
            edges.push_back(day + std::chrono::minutes{s.end});
        }
    }
    std::sort(edges.begin(), edges.end());
    for (TimePoint e : edges)
        if (e > t && is_on(e, offset) != on)
            return e;
    return TimePoint::max();
}

std::string OnHours::describe() const {
    if (m_always)
        return "always on";
    static constexpr std::array<const char*, 7> names = {"Mon", "Tue", "Wed", "Thu",
                                                         "Fri", "Sat", "Sun"};
    std::string out;
    for (std::size_t d = 0; d < 7; ++d) {
        if (!out.empty())
            out += "; ";
        out += names[d];
        out += ' ';
        if (m_days[d].empty())
            out += "off";
        for (std::size_t i = 0; i < m_days[d].size(); ++i) {
            if (i > 0)
                out += ", ";
            const Span& s = m_days[d][i];
            out += hhmm(s.start) + "-" + hhmm(s.end == kDay ? kDay : s.end % kDay);
        }
    }
    return out;
}

} // namespace kiosk::content

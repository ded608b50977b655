// ISO 8601 parsing and local calendar arithmetic, on the C++20 calendar types.
#include "kiosk/core/time.hpp"

#include <array>
#include <cstdio>

namespace kiosk {
namespace {

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size())
        return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
        char c = s[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

} // namespace

std::optional<std::chrono::minutes> parse_utc_offset(std::string_view s) {
    if (s == "Z" || s == "z")
        return std::chrono::minutes{0};
    if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
        return std::nullopt;
    int h = 0;
    int m = 0;
    if (!read_int(s, 1, 2, h) || !read_int(s, 4, 2, m) || h > 14 || m > 59)
        return std::nullopt;
    std::chrono::minutes off{h * 60 + m};
    return s[0] == '-' ? -off : off;
}

std::optional<TimePoint> parse_datetime(std::string_view s) {
    using namespace std::chrono;
    // YYYY-MM-DDTHH:MM:SS
    int Y = 0, M = 0, D = 0, h = 0, mi = 0, sec = 0;
    if (s.size() < 20 || !read_int(s, 0, 4, Y) || s[4] != '-' || !read_int(s, 5, 2, M) ||
        s[7] != '-' || !read_int(s, 8, 2, D) || (s[10] != 'T' && s[10] != ' ') ||
        !read_int(s, 11, 2, h) || s[13] != ':' || !read_int(s, 14, 2, mi) || s[16] != ':' ||
        !read_int(s, 17, 2, sec))
        return std::nullopt;
    std::size_t pos = 19;
    int millis = 0;
    if (s[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 3)
                millis = millis * 10 + (s[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0)
            return std::nullopt;
        for (int i = digits; i < 3; ++i)
            millis *= 10;
    }
    auto offset = parse_utc_offset(s.substr(pos));
    if (!offset)
        return std::nullopt;
    year_month_day ymd{year{Y}, month{static_cast<unsigned>(M)}, day{static_cast<unsigned>(D)}};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 60)
        return std::nullopt;
    auto local = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + milliseconds{millis};
    return TimePoint{local - *offset};
}

LocalTime to_local(TimePoint t, std::chrono::minutes offset) {
    using namespace std::chrono;
    auto local = t + offset;
    auto days = floor<std::chrono::days>(local);
    year_month_day ymd{days};
    hh_mm_ss hms{floor<seconds>(local - days)};
    LocalTime out;
    out.year = static_cast<int>(ymd.year());
    out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    out.weekday = static_cast<int>(weekday{days}.iso_encoding());
    out.hour = static_cast<int>(hms.hours().count());
    out.minute = static_cast<int>(hms.minutes().count());
    out.second = static_cast<int>(hms.seconds().count());
    return out;
}

TimePoint start_of_local_day(TimePoint t, std::chrono::minutes offset) {
    using namespace std::chrono;
    auto local_day = floor<days>(t + offset);
    return TimePoint{local_day} - offset;
}

std::string format_hhmm(TimePoint t, std::chrono::minutes offset) {
    auto l = to_local(t, offset);
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "%02d:%02d", l.hour, l.minute);
    return buf.data();
}

std::string format_iso(TimePoint t, std::chrono::minutes offset) {
    auto l = to_local(t, offset);
    auto off = offset.count();
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    std::array<char, 40> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", l.year,
                  l.month, l.day, l.hour, l.minute, l.second, sign, static_cast<int>(off / 60),
                  static_cast<int>(off % 60));
    return buf.data();
}

std::string format_iso_ms(TimePoint t) {
    auto l = to_local(t, std::chrono::minutes{0});
    auto ms = (t.time_since_epoch() % std::chrono::seconds{1} + std::chrono::seconds{1}) %
              std::chrono::seconds{1};
    std::array<char, 40> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", l.year, l.month,
                  l.day, l.hour, l.minute, l.second, static_cast<int>(ms.count()));
    return buf.data();
}

std::string format_chinese_date(TimePoint t, std::chrono::minutes offset) {
    static constexpr std::array<const char*, 7> names{"一", "二", "三", "四", "五", "六", "日"};
    auto l = to_local(t, offset);
    return std::to_string(l.month) + "月" + std::to_string(l.day) + "日 星期" +
           names[static_cast<std::size_t>(l.weekday - 1)];
}

TimePoint next_minute(TimePoint t) {
    using namespace std::chrono;
    return TimePoint{floor<minutes>(t) + minutes{1}};
}

} // namespace kiosk

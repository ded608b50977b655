// Reading typed values.
#include "values.hpp"

#include "ini.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/text/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

namespace kiosk::pack {
namespace {

std::string lower_ascii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return s;
}

// The text's words for the parts of a date or time, as separators.
std::string replace_all(std::string s, std::string_view from, std::string_view to) {
    std::size_t p = 0;
    while ((p = s.find(from, p)) != std::string::npos) {
        s.replace(p, from.size(), to);
        p += to.size();
    }
    return s;
}

bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in(int year, int month) {
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && !leap(year))
        return 28;
    return days[month - 1];
}

} // namespace

std::string halfwidth(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : text::decode_utf8(s)) {
        if (c >= U'\uFF01' && c <= U'\uFF5E')
            c -= 0xFEE0;
        else if (c == U'\u3000')
            c = U' ';
        text::append_utf8(out, c);
    }
    return out;
}

bool is_yes(const std::string& v) {
    static const std::set<std::string> y = {"yes", "y", "true", "1", "是", "x", "√", "✓", "示例"};
    return y.contains(lower_ascii(trim(halfwidth(v))));
}

bool is_no(const std::string& v) {
    static const std::set<std::string> n = {"no", "n", "false", "0", "否", "×", "✗", ""};
    return n.contains(lower_ascii(trim(halfwidth(v))));
}

std::optional<int> to_int(const std::string& text) {
    std::string s = trim(halfwidth(text));
    int v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::string number_text(const std::string& text) {
    std::string s = trim(halfwidth(text));
    if (!s.empty() && s[0] == '+')
        s.erase(0, 1);
    return s;
}

std::optional<double> to_number(const std::string& text) {
    std::string s = number_text(text);
    double v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc{} || r.ptr != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<Date> parse_date(const std::string& text) {
    std::string t = trim(halfwidth(text));
    // A date cell saved as text by a spreadsheet may carry the midnight of its day.
    for (const char* midnight : {" 0:00:00", " 00:00:00", " 0:00", " 00:00"})
        if (t.size() > std::string_view(midnight).size() && t.ends_with(midnight))
            t.resize(t.size() - std::string_view(midnight).size());
    if (t.ends_with("日") || t.ends_with("号"))
        t.resize(t.size() - 3);
    for (std::string_view sep : {"年", "月", "/", "."})
        t = replace_all(t, sep, "-");
    int a = 0, b = 0, c = 0;
    char extra = 0;
    Date d;
    int n = std::sscanf(t.c_str(), "%d-%d-%d%c", &a, &b, &c, &extra);
    if (n == 3) {
        if (a < 1970 || a > 2200)
            return std::nullopt;
        d = {a, b, c};
    } else if (n == 2 && std::sscanf(t.c_str(), "%d-%d%c", &a, &b, &extra) == 2) {
        d = {std::nullopt, a, b};
    } else {
        return std::nullopt;
    }
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in(d.year.value_or(2000), d.month))
        return std::nullopt;
    return d;
}

std::optional<std::string> iso_date(int year, int month, int day) {
    if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1 ||
        day > days_in(year, month))
        return std::nullopt;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return std::string(buf);
}

int nearest_year(int month, int day, int ref_year, int ref_month, int ref_day) {
    // Days between two dates of neighbouring years, roughly: months of 31 days are enough to
    // tell which of three years is nearest.
    auto ordinal = [](int y, int m, int d) { return y * 372 + (m - 1) * 31 + d; };
    int best = ref_year;
    for (int y : {ref_year - 1, ref_year + 1})
        if (std::abs(ordinal(y, month, day) - ordinal(ref_year, ref_month, ref_day)) <
            std::abs(ordinal(best, month, day) - ordinal(ref_year, ref_month, ref_day)))
            best = y;
    return best;
}

std::optional<int> clock_minutes(const std::string& text) {
    std::string t = lower_ascii(trim(halfwidth(text)));
    int shift = -1; // Minutes to add for PM (720), or none given (-1), or AM (0).
    for (auto [word, add] :
         {std::pair{"上午", 0}, std::pair{"下午", 720}, std::pair{"晚上", 720}, std::pair{"am", 0},
          std::pair{"pm", 720}, std::pair{"a.m.", 0}, std::pair{"p.m.", 720}}) {
        std::string_view w(word);
        if (t.starts_with(w)) {
            t = trim(t.substr(w.size()));
            shift = add;
        } else if (t.size() > w.size() && t.ends_with(w)) {
            t = trim(t.substr(0, t.size() - w.size()));
            shift = add;
        }
    }
    t = replace_all(replace_all(t, "点", ":"), "时", ":");
    t = replace_all(t, "分", "");
    int h = 0, m = 0, s = 0;
    char extra = 0;
    int n = std::sscanf(t.c_str(), "%d:%d:%d%c", &h, &m, &s, &extra);
    if (n == 2) {
        if (std::sscanf(t.c_str(), "%d:%d%c", &h, &m, &extra) != 2)
            return std::nullopt;
    } else if (n != 3) {
        return std::nullopt;
    }
    if (s != 0 || m < 0 || m > 59 || h < 0 || h > 24 || (h == 24 && m != 0))
        return std::nullopt;
    if (shift >= 0) {
        if (h < 1 || h > 12)
            return std::nullopt;
        h = h % 12;
    }
    return h * 60 + m + std::max(shift, 0);
}

bool no_score(const std::string& text) {
    static const std::set<std::string> words = {
        "",  "缺考", "弃权", "缺赛", "缺席",   "退赛", "未参赛", "未参加", "取消资格", "无成绩",
        "-", "—",    "--",   "/",    "absent", "dns",  "dnf",    "dq",     "dsq",      "withdrawn"};
    return words.contains(lower_ascii(trim(halfwidth(text))));
}

} // namespace kiosk::pack

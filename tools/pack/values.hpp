// Values as operators type them into spreadsheets and settings: yes and no in any case and
// language, numbers and times with full-width digits, dates with or without a year, times with
// seconds, and the words that stand for "no score".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::pack {

// Full-width forms (U+FF01 to U+FF5E, what a Chinese input method types: ８５, ：, ．) as ASCII,
// and the ideographic space as a space.
std::string halfwidth(std::string_view s);

// 是, yes, y, true, 1, x, √ (any case, full-width too) and 否, no, n, false, 0 or nothing.
bool is_yes(const std::string& v);
bool is_no(const std::string& v);

std::optional<int> to_int(const std::string& s);
// A finite decimal number, full-width digits allowed: `８５.５` is 85.5.
std::optional<double> to_number(const std::string& s);
// The number as it was typed, without its spaces and in ASCII (`８５.２５` is `85.25`): what a
// board shows.
std::string number_text(const std::string& s);

struct Date {
    std::optional<int> year; // None when the text gave none (`11月9日`).
    int month{};
    int day{};
};
// `2020-11-08`, `2020/11/8`, `2020.11.8`, `2020年11月8日`, and without a year `11月9日`, `11-9`,
// `11/9`; a time of midnight after it (`2020/11/8 0:00`, what spreadsheets write for a date
// cell) is allowed. Month and day are checked (11-31 is not a date; 2-29 only in a leap year
// once the year is known).
std::optional<Date> parse_date(const std::string& s);
// `2020-11-08`, or nothing for an impossible date.
std::optional<std::string> iso_date(int year, int month, int day);
// The year closest to `reference` (a year and day of year) for a date given without one: a week
// in late December takes January's dates into the next year.
int nearest_year(int month, int day, int ref_year, int ref_month, int ref_day);

// `9:00`, `09:00`, `9:00:00` (seconds must be 0), `９：００`, `9:00 AM`, `下午 2:30`, as minutes
// since midnight (24:00 allowed, for an end).
std::optional<int> clock_minutes(const std::string& s);

// Blank, 缺考, 弃权 and the like: a contestant listed without a score.
bool no_score(const std::string& s);

} // namespace kiosk::pack

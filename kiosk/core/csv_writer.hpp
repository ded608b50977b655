// Writing CSV (RFC 4180): the one writer of the proof-of-play log and of the reports made from it,
// so that what one writes the other reads back.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace kiosk {

// `s` as a CSV field: as it is, or in double quotes (inner quotes doubled) when it holds a comma,
// a quote or a line break.
std::string csv_field(std::string_view s);

// The fields as one CSV line, each quoted when it must be, ending in "\n".
std::string csv_line(std::initializer_list<std::string_view> fields);

} // namespace kiosk

// CSV fields and lines.
#include "kiosk/core/csv_writer.hpp"

namespace kiosk {

std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\n\r") == std::string_view::npos)
        return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_line(std::initializer_list<std::string_view> fields) {
    std::string out;
    bool first = true;
    for (auto f : fields) {
        if (!first)
            out += ',';
        out += csv_field(f);
        first = false;
    }
    return out + "\n";
}

} // namespace kiosk

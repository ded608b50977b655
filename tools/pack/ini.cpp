// A small INI reader that keeps line numbers for every value.
#include "ini.hpp"

namespace kiosk::pack {

std::string trim(std::string s) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    for (;;) {
        if (!s.empty() && is_space(s.back()))
            s.pop_back();
        else if (s.ends_with("\u3000"))
            s.resize(s.size() - 3);
        else
            break;
    }
    std::size_t i = 0;
    while (i < s.size() && is_space(s[i]))
        ++i;
    // A full-width space typed in a Chinese input method is a space too (at either end).
    while (s.compare(i, 3, "\u3000") == 0)
        i += 3;
    return s.substr(i);
}

// The line without its comment: a `#` after a space or tab (or an ideographic space) starts one,
// unless it is the first character of a value (`primary = #B5121B` is a colour). `\#` is a `#`
// kept in the value, for a slogan that needs ` #`.
std::string strip_comment(const std::string& line) {
    std::string out;
    out.reserve(line.size());
    std::size_t value_start = std::string::npos; // Where the value's first character is.
    auto eq = line.find('=');
    if (eq != std::string::npos && line[0] != '[') {
        value_start = eq + 1;
        while (value_start < line.size() && (line[value_start] == ' ' || line[value_start] == '\t'))
            ++value_start;
        while (line.compare(value_start, 3, "\u3000") == 0)
            value_start += 3;
    }
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (c == '\\' && i + 1 < line.size() && line[i + 1] == '#') {
            out += '#';
            ++i;
            continue;
        }
        bool after_space = i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t' ||
                                     (i >= 3 && line.compare(i - 3, 3, "\u3000") == 0));
        if (c == '#' && after_space && i != value_start)
            break;
        out += c;
    }
    return out;
}

std::vector<IniSection> parse_ini(const std::string& text, const std::string& file,
                                  Problems& problems) {
    std::vector<IniSection> sections;
    std::size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    int line_no = 0;
    while (pos < text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        std::string line = trim(text.substr(pos, end - pos));
        pos = end + 1;
        ++line_no;
        if (line.empty() || line[0] == '#' || line[0] == ';')
            continue;
        line = trim(strip_comment(line));
        if (line[0] == '[') {
            if (line.back() != ']') {
                problems.error(file, line_no, "",
                               "a section header must look like [theme] or [slide launch]");
                continue;
            }
            std::string inner = trim(line.substr(1, line.size() - 2));
            IniSection s;
            s.line = line_no;
            auto space = inner.find(' ');
            s.kind = space == std::string::npos ? inner : inner.substr(0, space);
            s.name = space == std::string::npos ? "" : trim(inner.substr(space + 1));
            sections.push_back(std::move(s));
            continue;
        }
        auto eq = line.find('=');
        if (eq == std::string::npos) {
            problems.error(file, line_no, "",
                           "expected a setting like \"duration = 10\", found \"" + line + "\"");
            continue;
        }
        if (sections.empty()) {
            problems.error(file, line_no, trim(line.substr(0, eq)),
                           "settings must come after a section header such as [bundle]");
            continue;
        }
        sections.back().entries.push_back(
            {trim(line.substr(0, eq)), trim(line.substr(eq + 1)), line_no});
    }
    return sections;
}

} // namespace kiosk::pack

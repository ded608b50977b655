// A small INI reader that keeps line numbers for every value.
#include "ini.hpp"

namespace kiosk::pack {

std::string trim(std::string s) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && is_space(s.back()))
        s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && is_space(s[i]))
        ++i;
    // A full-width space typed in a Chinese input method is a space too.
    while (s.compare(i, 3, "\u3000") == 0)
        i += 3;
    return s.substr(i);
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

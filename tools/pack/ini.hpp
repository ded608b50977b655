// The settings file: `[section]` or `[slide id]` headers, `key = value` lines, `#` comments on a
// line of their own or after a value (`duration = 12   # seconds`).
#pragma once

#include "problems.hpp"

#include <string>
#include <vector>

namespace kiosk::pack {

struct IniEntry {
    std::string key;
    std::string value;
    int line{};
};

struct IniSection {
    std::string kind; // `theme`, `slide`, …
    std::string name; // `launch` in `[slide launch]`; empty for `[theme]`.
    int line{};
    std::vector<IniEntry> entries;
};

std::vector<IniSection> parse_ini(const std::string& text, const std::string& file,
                                  Problems& problems);

std::string trim(std::string s);

// `line` (trimmed) without a comment after its value or section header; `\#` keeps a `#`.
std::string strip_comment(const std::string& line);

} // namespace kiosk::pack

// Problem collection and the report an operator reads.
#include "problems.hpp"

#include <algorithm>

namespace kiosk::pack {

void Problems::error(std::string file, int line, std::string field, std::string message) {
    m_all.push_back({Severity::Error, std::move(file), line, std::move(field), std::move(message)});
}

void Problems::warn(std::string file, int line, std::string field, std::string message) {
    m_all.push_back(
        {Severity::Warning, std::move(file), line, std::move(field), std::move(message)});
}

bool Problems::has_errors() const {
    return std::any_of(m_all.begin(), m_all.end(),
                       [](const Problem& p) { return p.severity == Severity::Error; });
}

std::string Problems::report() const {
    std::string out;
    for (Severity s : {Severity::Error, Severity::Warning}) {
        for (const auto& p : m_all) {
            if (p.severity != s)
                continue;
            out += s == Severity::Error ? "error: " : "warning: ";
            out += p.file;
            if (p.line > 0)
                out += ":" + std::to_string(p.line);
            out += ": ";
            if (!p.field.empty())
                out += p.field + ": ";
            out += p.message + "\n";
        }
    }
    return out;
}

} // namespace kiosk::pack

// Problems found in an operator's source folder, each with file, line and field, in plain words.
#pragma once

#include <string>
#include <vector>

namespace kiosk::pack {

enum class Severity { Error, Warning };

struct Problem {
    Severity severity{Severity::Error};
    std::string file;  // Relative to the source folder.
    int line{0};       // 0 when the problem is about the whole file.
    std::string field; // The setting or column, when there is one.
    std::string message;
};

class Problems {
public:
    void error(std::string file, int line, std::string field, std::string message);
    void warn(std::string file, int line, std::string field, std::string message);
    bool has_errors() const;
    const std::vector<Problem>& all() const { return m_all; }
    // `timetable.csv:7: 开始 (start): "9点" is not a time like 09:00`, errors first, then warnings.
    std::string report() const;

private:
    std::vector<Problem> m_all;
};

} // namespace kiosk::pack

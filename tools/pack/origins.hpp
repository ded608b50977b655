// Where each text that reaches the screen was written, so what the layout pass finds about it
// (cut, or a character no font has) is told with its file and line.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kiosk::pack {

// `settings.ini:12: header`, `timetable.csv:7: 地点 (place)`.
struct TextOrigin {
    std::string text;
    std::string file;
    int line{};
    std::string field;
};

struct TextOrigins {
    std::vector<TextOrigin> texts;
    std::map<std::string, int> slide_lines; // Slide id → its [slide] line in settings.ini.
    std::map<std::string, TextOrigin> notice_bodies; // Slide id → its notice's body and first line.

    void add(std::string text, std::string file, int line, std::string field) {
        if (!text.empty())
            texts.push_back({std::move(text), std::move(file), line, std::move(field)});
    }
};

} // namespace kiosk::pack

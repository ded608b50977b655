// A notice file as operators write it: Markdown whose first line is the title (a leading `#` is
// optional) and whose rest is the body, kept as Markdown for the display to lay out.
#pragma once

#include "problems.hpp"

#include <optional>
#include <string>

namespace kiosk::pack {

struct NoticeSource {
    std::string file;
    std::string title;
    int title_line{};
    std::string body; // CommonMark.
    int body_line{};  // The line of the file the body starts on.
};

// `file` names the notice in problems. Warns about what the display will not draw (pictures,
// tables, HTML) and about emphasis marks that CommonMark leaves as text, with their lines.
std::optional<NoticeSource> read_notice(const std::string& text, const std::string& file,
                                        Problems& problems);

} // namespace kiosk::pack

// Notice files: the title line split off, the body read as the display reads it, and what it will
// not draw named with its line.
#include "notice_source.hpp"

#include "ini.hpp"

#include "kiosk/content/notice.hpp"

#include <algorithm>

namespace kiosk::pack {
namespace {

// The line of `text` (from `first_line` on) where `needle` first appears, after `from` bytes.
int line_of(const std::string& text, const std::string& needle, int first_line) {
    auto at = needle.empty() ? std::string::npos : text.find(needle);
    if (at == std::string::npos)
        return first_line;
    return first_line + static_cast<int>(std::count(
                            text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

} // namespace

std::optional<NoticeSource> read_notice(const std::string& text, const std::string& file,
                                        Problems& problems) {
    NoticeSource n;
    std::size_t pos = 0;
    int line = 0;
    while (pos <= text.size()) {
        auto end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        ++line;
        std::string l = trim(text.substr(pos, end - pos));
        pos = end + 1;
        if (l.empty())
            continue;
        // The title line, its marks read as the display reads Markdown.
        l.erase(0, l.find_first_not_of('#'));
        n.title = trim(content::notice_text(content::parse_markdown_notice(trim(l))));
        n.file = file;
        n.title_line = line;
        n.body_line = line + 1;
        n.body = pos <= text.size() ? text.substr(pos) : "";
        // Blank lines around the body say nothing.
        while (!n.body.empty() && (n.body.front() == '\n' || n.body.front() == '\r')) {
            n.body_line += n.body.front() == '\n' ? 1 : 0;
            n.body.erase(0, 1);
        }
        n.body.erase(n.body.find_last_not_of(" \t\r\n") + 1);
        break;
    }
    if (n.title.empty()) {
        problems.error(file, 0, "", "the notice is empty; its first line is the title");
        return std::nullopt;
    }
    content::Notice body = content::parse_markdown_notice(n.body);
    int last_html_line = 0;
    for (const auto& o : body.omitted) {
        int at = line_of(n.body, o.source, n.body_line);
        if (o.what == "image") {
            problems.warn(file, at, "",
                          "the picture " + o.source +
                              " is not shown in a notice: make it a poster slide");
        } else if (o.what == "table") {
            // The first line with a cell bar and the first cell's text.
            std::size_t p = 0;
            for (int l = n.body_line; p < n.body.size(); ++l) {
                auto e = std::min(n.body.find('\n', p), n.body.size());
                std::string_view row(n.body.data() + p, e - p);
                if (row.find('|') != std::string_view::npos &&
                    row.find(o.source) != std::string_view::npos) {
                    at = l;
                    break;
                }
                p = e + 1;
            }
            problems.warn(file, at, "",
                          "a table is shown as plain rows, its cells side by side: for a real "
                          "table, make it a poster");
        } else if (at != last_html_line) { // One line about the HTML of a line.
            last_html_line = at;
            problems.warn(file, at, "",
                          "HTML is not shown (its text is): " + o.source.substr(0, 60));
        }
    }
    // Emphasis marks CommonMark leaves as they are next to Chinese text, most often
    // `**注意：**请…` (a closing mark after punctuation and before a character does not close):
    // they would show on screen. Marks between Latin letters (my__config__file) are meant so.
    auto ascii = [](char c) { return static_cast<unsigned char>(c) < 0x80; };
    for (const auto& b : body.blocks)
        for (const auto& r : b.runs)
            for (const char* mark : {"**", "__"})
                for (auto p = r.text.find(mark); p != std::string::npos;
                     p = r.text.find(mark, p + 2)) {
                    bool before = p > 0 && !ascii(r.text[p - 1]);
                    bool after = p + 2 < r.text.size() && !ascii(r.text[p + 2]);
                    if (!before && !after)
                        continue;
                    std::string around =
                        r.text.substr(p, std::min<std::size_t>(12, r.text.size() - p));
                    problems.warn(file, line_of(n.body, around, n.body_line), "",
                                  std::string("\"") + mark +
                                      "\" will show as it is (Markdown does not close bold after "
                                      "punctuation such as ： or ！ when a character follows): "
                                      "move the mark before the punctuation");
                    break;
                }
    return n;
}

} // namespace kiosk::pack

// A notice's body as blocks the display draws: paragraphs, headings, numbered and bulleted lists
// (nested), block quotes, code and table rows, each a list of runs (plain, strong, emphasis). Read
// from CommonMark by md4c, or from the plain form older bundles carry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::content {

struct NoticeRun {
    std::string text; // "\n" inside is a hard line break.
    bool strong{false};
    bool emphasis{false};
    friend bool operator==(const NoticeRun&, const NoticeRun&) = default;
};

enum class NoticeBlockKind { Paragraph, Heading, ListItem, Code, Rule, TableRow };

struct NoticeBlock {
    NoticeBlockKind kind{NoticeBlockKind::Paragraph};
    int list_depth{0};  // Lists it is inside (a list item's own list counts).
    int quote_depth{0}; // Block quotes it is inside.
    // A list item's marker ("1.", "•"); empty for the second paragraph of an item.
    std::string marker;
    std::vector<NoticeRun> runs;
    friend bool operator==(const NoticeBlock&, const NoticeBlock&) = default;
};

// Something in the source that is not drawn, for kiosk-pack check to name.
struct NoticeOmission {
    std::string what;   // "image", "HTML", "table"
    std::string source; // The text to find it by in the source (an image's address, the HTML).
    friend bool operator==(const NoticeOmission&, const NoticeOmission&) = default;
};

struct Notice {
    std::vector<NoticeBlock> blocks;
    std::vector<NoticeOmission> omitted;
    friend bool operator==(const Notice&, const Notice&) = default;
};

// CommonMark (with tables recognised so their text is not lost). Never fails: whatever is not
// understood stays text.
Notice parse_markdown_notice(std::string_view markdown);
// The plain form: paragraphs at each "\n", a paragraph that starts with "• " a list item.
Notice plain_notice(std::string_view body);

// The notice's text without marks, blocks one a line (for a fallback that cannot lay out runs).
std::string notice_text(const Notice& notice);

} // namespace kiosk::content

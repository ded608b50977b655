// md4c's callbacks mapped onto blocks and runs.
#include "kiosk/content/notice.hpp"

#include "kiosk/text/utf8.hpp"

#include <md4c.h>

#include <charconv>
#include <map>

namespace kiosk::content {
namespace {

// An entity as md4c hands it over (`&amp;`, `&#20013;`, `&#x4E2D;`): numeric ones and the named
// ones people type; any other stays as written.
std::string decode_entity(std::string_view e) {
    if (e.size() > 3 && e[1] == '#') {
        bool hex = e[2] == 'x' || e[2] == 'X';
        std::string_view digits = e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3));
        unsigned long cp = 0;
        auto r = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
        if (r.ec == std::errc{} && r.ptr == digits.data() + digits.size()) {
            std::string out;
            text::append_utf8(out, cp > 0x10FFFF ? 0xFFFD : static_cast<char32_t>(cp));
            return out;
        }
        return std::string(e);
    }
    static const std::map<std::string_view, std::string_view> named = {
        {"&amp;", "&"},    {"&lt;", "<"},        {"&gt;", ">"},     {"&quot;", "\""},
        {"&apos;", "'"},   {"&nbsp;", "\u00A0"}, {"&copy;", "©"},   {"&reg;", "®"},
        {"&trade;", "™"},  {"&hellip;", "…"},    {"&mdash;", "—"},  {"&ndash;", "–"},
        {"&middot;", "·"}, {"&times;", "×"},     {"&divide;", "÷"}, {"&deg;", "°"},
        {"&ldquo;", "“"},  {"&rdquo;", "”"},     {"&lsquo;", "‘"},  {"&rsquo;", "’"},
        {"&yen;", "¥"},    {"&euro;", "€"},      {"&bull;", "•"},   {"&plusmn;", "±"}};
    auto it = named.find(e);
    return it != named.end() ? std::string(it->second) : std::string(e);
}

bool is_ascii_word(char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x80 && u > 0x20;
}

class Builder {
public:
    Notice notice;

    static int enter_block(MD_BLOCKTYPE type, void* detail, void* self) {
        static_cast<Builder*>(self)->enter(type, detail);
        return 0;
    }
    static int leave_block(MD_BLOCKTYPE type, void*, void* self) {
        static_cast<Builder*>(self)->leave(type);
        return 0;
    }
    static int enter_span(MD_SPANTYPE type, void* detail, void* self) {
        static_cast<Builder*>(self)->span(type, detail, +1);
        return 0;
    }
    static int leave_span(MD_SPANTYPE type, void* detail, void* self) {
        static_cast<Builder*>(self)->span(type, detail, -1);
        return 0;
    }
    static int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
        static_cast<Builder*>(self)->text(type, std::string_view(text, size));
        return 0;
    }

private:
    struct List {
        bool ordered{false};
        unsigned next{1};
    };

    void enter(MD_BLOCKTYPE type, void* detail) {
        switch (type) {
        case MD_BLOCK_QUOTE:
            close();
            ++m_quote;
            break;
        case MD_BLOCK_UL:
            close();
            m_lists.push_back({false, 1});
            break;
        case MD_BLOCK_OL:
            close();
            m_lists.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start});
            break;
        case MD_BLOCK_LI: {
            close();
            List& l = m_lists.empty() ? m_lists.emplace_back() : m_lists.back();
            if (l.ordered) {
                m_marker = std::to_string(l.next) + ".";
                ++l.next;
            } else {
                static const char* bullets[] = {"•", "◦", "▪"};
                m_marker = bullets[(m_lists.size() - 1) % 3];
            }
            m_marker_pending = true;
            ++m_items;
            break;
        }
        case MD_BLOCK_HR:
            close();
            open(NoticeBlockKind::Rule);
            close();
            break;
        case MD_BLOCK_H:
            open(NoticeBlockKind::Heading);
            break;
        case MD_BLOCK_P:
            open(m_items > 0 ? NoticeBlockKind::ListItem : NoticeBlockKind::Paragraph);
            break;
        case MD_BLOCK_CODE:
            open(NoticeBlockKind::Code);
            break;
        case MD_BLOCK_HTML:
            close();
            m_html = true;
            break;
        case MD_BLOCK_TABLE:
            close();
            notice.omitted.push_back({"table", ""});
            m_table_note = notice.omitted.size();
            break;
        case MD_BLOCK_TR:
            open(NoticeBlockKind::TableRow);
            m_cells = 0;
            break;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD:
            if (m_cells++ > 0 && m_current)
                add("\u3000\u3000");
            break;
        default:
            break;
        }
    }

    void leave(MD_BLOCKTYPE type) {
        switch (type) {
        case MD_BLOCK_QUOTE:
            close();
            --m_quote;
            break;
        case MD_BLOCK_UL:
        case MD_BLOCK_OL:
            close();
            if (!m_lists.empty())
                m_lists.pop_back();
            break;
        case MD_BLOCK_LI:
            close();
            --m_items;
            m_marker_pending = false;
            break;
        case MD_BLOCK_H:
        case MD_BLOCK_P:
        case MD_BLOCK_CODE:
        case MD_BLOCK_TR:
            close();
            break;
        case MD_BLOCK_HTML:
            m_html = false;
            break;
        default:
            break;
        }
    }

    void span(MD_SPANTYPE type, void* detail, int step) {
        switch (type) {
        case MD_SPAN_STRONG:
            m_strong += step;
            break;
        case MD_SPAN_EM:
            m_em += step;
            break;
        case MD_SPAN_IMG:
            if (step > 0) {
                const auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
                notice.omitted.push_back({"image", std::string(d->src.text, d->src.size)});
            }
            m_image += step;
            break;
        default: // Links show their text; code, deleted text and the rest show as text.
            break;
        }
    }

    void text(MD_TEXTTYPE type, std::string_view t) {
        if (m_image > 0)
            return; // An image's description is not drawn (check names the image).
        if (m_html || type == MD_TEXT_HTML) {
            if (t == "<br>" || t == "<br/>" || t == "<br />") {
                add("\n");
                return;
            }
            std::string_view trimmed = t.substr(0, t.find_last_not_of(" \t\r\n") + 1);
            if (!trimmed.empty())
                notice.omitted.push_back({"HTML", std::string(trimmed)});
            return;
        }
        if (m_table_note > 0 && !t.empty()) { // The first cell's text, to find the table by.
            notice.omitted[m_table_note - 1].source = std::string(t);
            m_table_note = 0;
        }
        switch (type) {
        case MD_TEXT_NULLCHAR:
            add("\uFFFD");
            break;
        case MD_TEXT_BR:
            add("\n");
            break;
        case MD_TEXT_SOFTBR:
            if (m_current && m_current->kind == NoticeBlockKind::Code)
                add("\n");
            else
                m_soft_break = true;
            break;
        case MD_TEXT_ENTITY:
            add(decode_entity(t));
            break;
        default:
            add(t);
            break;
        }
    }

    void open(NoticeBlockKind kind) {
        close();
        NoticeBlock b;
        b.kind = kind;
        b.list_depth = static_cast<int>(m_lists.size());
        b.quote_depth = m_quote;
        if (m_items > 0 &&
            (kind == NoticeBlockKind::ListItem || kind == NoticeBlockKind::Heading) &&
            m_marker_pending) {
            b.kind = NoticeBlockKind::ListItem;
            b.marker = m_marker;
            m_marker_pending = false;
        } else if (m_items > 0 && kind == NoticeBlockKind::Paragraph) {
            b.kind = NoticeBlockKind::ListItem;
        }
        notice.blocks.push_back(std::move(b));
        m_current = &notice.blocks.back();
    }

    void close() {
        m_current = nullptr;
        m_soft_break = false;
    }

    void add(std::string_view t) {
        if (t.empty())
            return;
        if (m_current == nullptr) // The text of a tight list's item, or of a table cell.
            open(m_items > 0 ? NoticeBlockKind::ListItem : NoticeBlockKind::Paragraph);
        auto& runs = m_current->runs;
        bool strong = m_strong > 0 || m_current->kind == NoticeBlockKind::Heading;
        bool em = m_em > 0;
        if (m_soft_break) {
            // Lines of one paragraph join: with a space between two Latin words, with nothing
            // between Chinese characters.
            m_soft_break = false;
            if (!runs.empty() && !runs.back().text.empty() &&
                is_ascii_word(runs.back().text.back()) && is_ascii_word(t.front()))
                add(" ");
        }
        if (runs.empty() || runs.back().strong != strong || runs.back().emphasis != em)
            runs.push_back({"", strong, em});
        runs.back().text += t;
    }

    NoticeBlock* m_current{nullptr};
    std::vector<List> m_lists;
    int m_quote{0};
    int m_items{0}; // List items open.
    std::string m_marker;
    bool m_marker_pending{false};
    int m_strong{0};
    int m_em{0};
    int m_image{0};
    int m_cells{0};
    bool m_html{false};
    bool m_soft_break{false};
    std::size_t m_table_note{0}; // 1 + the omission of a table whose first text is still to come.
};

} // namespace

Notice parse_markdown_notice(std::string_view markdown) {
    Builder b;
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_DIALECT_COMMONMARK | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
    parser.enter_block = &Builder::enter_block;
    parser.leave_block = &Builder::leave_block;
    parser.enter_span = &Builder::enter_span;
    parser.leave_span = &Builder::leave_span;
    parser.text = &Builder::on_text;
    if (md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &b) != 0)
        return plain_notice(markdown); // Out of memory in the parser: the text as it is.
    // Empty blocks (an empty list item, a paragraph of an image alone) draw nothing.
    std::erase_if(b.notice.blocks, [](const NoticeBlock& blk) {
        return blk.kind != NoticeBlockKind::Rule && blk.runs.empty() && blk.marker.empty();
    });
    return std::move(b.notice);
}

Notice plain_notice(std::string_view body) {
    Notice n;
    std::size_t start = 0;
    while (start <= body.size()) {
        auto end = body.find('\n', start);
        if (end == std::string_view::npos)
            end = body.size();
        std::string_view para = body.substr(start, end - start);
        start = end + 1;
        if (para.empty())
            continue;
        NoticeBlock b;
        if (para.starts_with("• ")) {
            b.kind = NoticeBlockKind::ListItem;
            b.list_depth = 1;
            b.marker = "•";
            para.remove_prefix(std::string_view("• ").size());
        }
        b.runs.push_back({std::string(para), false, false});
        n.blocks.push_back(std::move(b));
    }
    return n;
}

std::string notice_text(const Notice& notice) {
    std::string out;
    for (const auto& b : notice.blocks) {
        if (!out.empty())
            out += '\n';
        if (!b.marker.empty())
            out += b.marker + " ";
        for (const auto& r : b.runs)
            out += r.text;
    }
    return out;
}

} // namespace kiosk::content

// The parts of a workbook: the package's relationships lead to the workbook, which names its
// sheets, shared strings and styles; each is XML, read as a stream of elements by expat.
#include "xlsx.hpp"

#include "kiosk/core/error.hpp"
#include "kiosk/text/utf8.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>

namespace kiosk::pack {
namespace {

// Namespaces are not compared: elements and attributes are known by their local names, the same
// in the transitional and the strict forms of the format.
constexpr char kNsSeparator = '\x01';

std::string_view local_name(const char* name) {
    std::string_view n(name);
    auto sep = n.rfind(kNsSeparator);
    return sep == std::string_view::npos ? n : n.substr(sep + 1);
}

std::optional<std::string_view> attribute(const char** attrs, std::string_view name) {
    for (int i = 0; attrs[i] != nullptr; i += 2)
        if (local_name(attrs[i]) == name)
            return std::string_view(attrs[i + 1]);
    return std::nullopt;
}

struct XmlHandler {
    std::function<void(std::string_view, const char**)> start = [](auto, auto) {};
    std::function<void(std::string_view)> end = [](auto) {};
    std::function<void(std::string_view)> text = [](auto) {};
};

struct ParserDeleter {
    void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

// Parses `xml` whole, calling `h`; a document type declaration is refused (a workbook has none,
// and it is where entity expansion attacks live).
Result<void> parse_xml(std::string_view xml, const XmlHandler& h, const std::string& part) {
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserDeleter> parser(
        XML_ParserCreateNS("UTF-8", kNsSeparator));
    if (!parser)
        return fail("no memory for the XML parser");
    XML_Parser p = parser.get();
    struct Context {
        const XmlHandler* h;
        XML_Parser p;
        bool doctype{false};
    } ctx{&h, p};
    XML_SetUserData(p, &ctx);
    XML_SetElementHandler(
        p,
        [](void* data, const XML_Char* name, const XML_Char** attrs) {
            static_cast<Context*>(data)->h->start(local_name(name), attrs);
        },
        [](void* data, const XML_Char* name) {
            static_cast<Context*>(data)->h->end(local_name(name));
        });
    XML_SetCharacterDataHandler(p, [](void* data, const XML_Char* s, int len) {
        static_cast<Context*>(data)->h->text(std::string_view(s, static_cast<std::size_t>(len)));
    });
    XML_SetStartDoctypeDeclHandler(
        p, [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
            auto* c = static_cast<Context*>(data);
            c->doctype = true;
            XML_StopParser(c->p, XML_FALSE);
        });
    if (XML_Parse(p, xml.data(), static_cast<int>(xml.size()), XML_TRUE) == XML_STATUS_ERROR) {
        if (ctx.doctype)
            return fail(part + " declares a document type, which a workbook does not");
        return fail(part + " line " + std::to_string(XML_GetCurrentLineNumber(p)) + ": " +
                    XML_ErrorString(XML_GetErrorCode(p)));
    }
    return {};
}

// ST_Xstring escapes: `_x000D_` is a carriage return, `_x005F_` an underscore.
std::string unescape(std::string s) {
    std::size_t p = 0;
    while ((p = s.find("_x", p)) != std::string::npos) {
        if (p + 7 <= s.size() && s[p + 6] == '_') {
            unsigned cp = 0;
            bool hex = true;
            for (std::size_t k = p + 2; k < p + 6; ++k) {
                char c = s[k];
                int d = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                               : -1;
                hex = hex && d >= 0;
                cp = cp * 16 + static_cast<unsigned>(std::max(d, 0));
            }
            if (hex && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
                std::string u;
                text::append_utf8(u, static_cast<char32_t>(cp));
                s.replace(p, 7, u);
                p += u.size();
                continue;
            }
        }
        p += 2;
    }
    return s;
}

struct ZipDeleter {
    void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDeleter>;

// A part of the package by name: nothing if absent, an error if it cannot be read whole or
// unpacks to more than kMaxPartBytes.
Result<std::optional<std::string>> read_part(zip_t* zip, const std::string& name) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip, name.c_str(), 0, &st) != 0)
        return std::optional<std::string>();
    if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > kMaxPartBytes)
        return fail(name + " unpacks to " + std::to_string(st.size) + " bytes, more than " +
                    std::to_string(kMaxPartBytes >> 20) + " MiB");
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(zip_fopen(zip, name.c_str(), 0),
                                                         &zip_fclose);
    if (!f)
        return fail(name + " cannot be unpacked (" + zip_strerror(zip) + ")");
    std::string out;
    char buf[65536];
    for (;;) {
        zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
        if (n < 0)
            return fail(name + " cannot be unpacked (" + zip_file_strerror(f.get()) + ")");
        if (n == 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > kMaxPartBytes) // Whatever its header said.
            return fail(name + " unpacks to more than " + std::to_string(kMaxPartBytes >> 20) +
                        " MiB");
    }
    return std::optional<std::string>(std::move(out));
}

struct Relationship {
    std::string type; // The end of its URI: officeDocument, worksheet, sharedStrings, styles.
    std::string target;
};

// A .rels part: relationship id → what it points to.
Result<std::map<std::string, Relationship>> relationships(std::string_view xml,
                                                          const std::string& part) {
    std::map<std::string, Relationship> out;
    XmlHandler h;
    h.start = [&](std::string_view name, const char** attrs) {
        if (name != "Relationship")
            return;
        auto id = attribute(attrs, "Id");
        auto type = attribute(attrs, "Type");
        auto target = attribute(attrs, "Target");
        if (id && type && target) {
            auto slash = type->rfind('/');
            out[std::string(*id)] = {
                std::string(slash == std::string_view::npos ? *type : type->substr(slash + 1)),
                std::string(*target)};
        }
    };
    if (auto r = parse_xml(xml, h, part); !r)
        return std::unexpected(r.error());
    return out;
}

// `target` as a part name, relative to the folder of `from` unless it starts with '/'.
std::string resolve(const std::string& from, const std::string& target) {
    std::string base = target.starts_with('/') ? "" : from.substr(0, from.rfind('/') + 1);
    std::vector<std::string> parts;
    std::string path = base + (target.starts_with('/') ? target.substr(1) : target);
    std::size_t pos = 0;
    while (pos <= path.size()) {
        auto slash = path.find('/', pos);
        if (slash == std::string::npos)
            slash = path.size();
        std::string seg = path.substr(pos, slash - pos);
        if (seg == "..") {
            if (!parts.empty())
                parts.pop_back();
        } else if (!seg.empty() && seg != ".") {
            parts.push_back(seg);
        }
        pos = slash + 1;
    }
    std::string out;
    for (const auto& p : parts)
        out += (out.empty() ? "" : "/") + p;
    return out;
}

// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
std::string rels_of(const std::string& part) {
    auto slash = part.rfind('/');
    std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
    return dir + "_rels/" + part.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";
}

struct Styles {
    std::map<int, std::string> codes; // Custom number formats by id.
    std::vector<int> cell_formats;    // cellXfs: a cell's `s` → its number format id.
};

Result<Styles> read_styles(std::string_view xml, const std::string& part) {
    Styles s;
    int in_cell_xfs = 0;
    XmlHandler h;
    h.start = [&](std::string_view name, const char** attrs) {
        if (name == "numFmt") {
            auto id = attribute(attrs, "numFmtId");
            auto code = attribute(attrs, "formatCode");
            if (id && code)
                s.codes[std::atoi(std::string(*id).c_str())] = std::string(*code);
        } else if (name == "cellXfs") {
            ++in_cell_xfs;
        } else if (name == "xf" && in_cell_xfs > 0) {
            auto id = attribute(attrs, "numFmtId");
            s.cell_formats.push_back(id ? std::atoi(std::string(*id).c_str()) : 0);
        }
    };
    h.end = [&](std::string_view name) {
        if (name == "cellXfs")
            --in_cell_xfs;
    };
    if (auto r = parse_xml(xml, h, part); !r)
        return std::unexpected(r.error());
    return s;
}

// The text of each <si>: its <t>s joined, outside the phonetic guides (<rPh>).
Result<std::vector<std::string>> read_shared_strings(std::string_view xml,
                                                     const std::string& part) {
    std::vector<std::string> out;
    std::string current;
    bool in_t = false;
    int in_phonetic = 0;
    XmlHandler h;
    h.start = [&](std::string_view name, const char**) {
        if (name == "si")
            current.clear();
        else if (name == "rPh")
            ++in_phonetic;
        else if (name == "t")
            in_t = in_phonetic == 0;
    };
    h.end = [&](std::string_view name) {
        if (name == "si")
            out.push_back(unescape(current));
        else if (name == "rPh")
            --in_phonetic;
        else if (name == "t")
            in_t = false;
    };
    h.text = [&](std::string_view t) {
        if (in_t)
            current.append(t);
    };
    if (auto r = parse_xml(xml, h, part); !r)
        return std::unexpected(r.error());
    return out;
}

// `BC12` → column 54 (from 1); 0 if it names none.
int column_of(std::string_view ref) {
    int col = 0;
    for (char c : ref) {
        if (c >= 'A' && c <= 'Z')
            col = col * 26 + (c - 'A' + 1);
        else
            break;
        if (col > 16384)
            return 0;
    }
    return col;
}

int row_of(std::string_view ref) {
    auto digits = ref.find_first_of("0123456789");
    return digits == std::string_view::npos ? 0
                                            : std::atoi(std::string(ref.substr(digits)).c_str());
}

// A date (ISO 8601, as a cell of type "d" holds it) shown as a date and time cell would be.
std::string iso_cell(std::string_view v) {
    std::string s(v);
    std::string date = s.substr(0, 10);
    if (s.size() >= 16 && s[10] == 'T') {
        std::string time = s.substr(11, 5);
        if (date == "1899-12-30" || date == "1899-12-31" || date == "1904-01-01")
            return time;
        return time == "00:00" ? date : date + " " + time;
    }
    return date;
}

} // namespace

NumberFormat number_format(int id, const std::string& code) {
    NumberFormat f;
    // Built-in formats (ECMA-376 part 1, 18.8.30, and those of the Chinese locales).
    switch (id) {
    case 2:
    case 4:
        f.decimals = 2;
        return f;
    case 9:
        f.percent = true;
        return f;
    case 10:
        f.percent = true;
        f.decimals = 2;
        return f;
    case 14:
    case 15:
    case 17:
    case 27:
    case 30:
    case 31:
    case 36:
    case 50:
    case 52:
    case 57:
        f.date = f.year = true;
        return f;
    case 16:
    case 28:
    case 29:
    case 51:
    case 53:
    case 54:
    case 58:
        f.date = true;
        return f;
    case 18:
    case 19:
    case 20:
    case 21:
    case 32:
    case 33:
    case 34:
    case 35:
    case 45:
    case 46:
    case 47:
    case 55:
    case 56:
        f.time = true;
        return f;
    case 22:
        f.date = f.year = f.time = true;
        return f;
    default:
        break;
    }
    if (code.empty())
        return f;
    // The first section of a custom code, without its literal text ("…", \x), colours and
    // conditions ([Red], [>=100]); elapsed times ([h]) stay.
    std::string plain;
    bool quoted = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (quoted) {
            quoted = c != '"';
            continue;
        }
        if (c == '"') {
            quoted = true;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i; // The next character is literal (or a fill or a space's width).
        } else if (c == '[') {
            auto close = code.find(']', i);
            if (close == std::string::npos)
                break;
            std::string inside = code.substr(i + 1, close - i - 1);
            std::transform(inside.begin(), inside.end(), inside.begin(), [](char x) {
                return static_cast<char>(std::tolower(static_cast<unsigned char>(x)));
            });
            if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'm' || inside[0] == 's'))
                plain += inside;
            i = close;
        } else if (c == ';') {
            break;
        } else {
            plain += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    // "General" is a word, not letters of a date.
    for (std::size_t p; (p = plain.find("general")) != std::string::npos;)
        plain.erase(p, 7);
    const bool day = plain.find('d') != std::string::npos;
    f.year = plain.find('y') != std::string::npos;
    f.time = plain.find('h') != std::string::npos || plain.find('s') != std::string::npos ||
             plain.find("am/pm") != std::string::npos || plain.find("上午") != std::string::npos;
    // An m without hours or seconds around is a month.
    f.date = day || f.year || (!f.time && plain.find('m') != std::string::npos);
    if (!f.date && !f.time) {
        f.percent = plain.find('%') != std::string::npos;
        auto dot = plain.find('.');
        if (dot != std::string::npos)
            for (std::size_t i = dot + 1; i < plain.size() && (plain[i] == '0' || plain[i] == '#');
                 ++i)
                ++f.decimals;
    }
    return f;
}

std::string format_cell_number(double v, const NumberFormat& f, bool date1904) {
    char buf[64];
    if ((f.date || f.time) && std::isfinite(v) && v >= 0 && v < 2958466) { // Up to 9999-12-31.
        using namespace std::chrono;
        long long whole = static_cast<long long>(std::floor(v));
        long long secs = std::llround((v - static_cast<double>(whole)) * 86400.0);
        if (secs >= 86400) {
            ++whole;
            secs -= 86400;
        }
        // Day 0 of the 1900 system is 1899-12-31, and Excel counts a 29 February 1900 that did
        // not exist (serial 60): from 61 on, serial n is n days after 1899-12-30.
        sys_days base = date1904      ? sys_days{1904y / 1 / 1}
                        : whole >= 61 ? sys_days{1899y / 12 / 30}
                                      : sys_days{1899y / 12 / 31};
        year_month_day d{base + days{whole}};
        int hh = static_cast<int>(secs / 3600), mm = static_cast<int>(secs / 60 % 60),
            ss = static_cast<int>(secs % 60);
        std::string time =
            ss != 0
                ? (std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", hh, mm, ss), std::string(buf))
                : (std::snprintf(buf, sizeof buf, "%02d:%02d", hh, mm), std::string(buf));
        if (!f.date)
            return time;
        std::string date;
        if (f.year)
            std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                          static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
        else
            std::snprintf(buf, sizeof buf, "%u月%u日", static_cast<unsigned>(d.month()),
                          static_cast<unsigned>(d.day()));
        date = buf;
        return f.time && secs != 0 ? date + " " + time : date;
    }
    // A number as the sheet holds it: 15 significant digits, Excel's precision, so a formula's
    // 85.30000000000001 is the 85.3 the sheet shows; then at least the format's decimals.
    double shown = f.percent ? v * 100 : v;
    std::snprintf(buf, sizeof buf, "%.15g", shown);
    std::string s = buf;
    if (s.find('e') == std::string::npos && f.decimals > 0) {
        auto dot = s.find('.');
        int have = dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
        if (dot == std::string::npos)
            s += '.';
        s.append(static_cast<std::size_t>(std::max(0, f.decimals - have)), '0');
    }
    return f.percent ? s + "%" : s;
}

std::optional<std::vector<CsvRow>> read_xlsx(std::string_view bytes, const std::string& file,
                                             Problems& problems) {
    auto refuse = [&](const std::string& why) -> std::optional<std::vector<CsvRow>> {
        problems.error(file, 0, "",
                       "cannot be read as an Excel workbook (" + why +
                           "); open it in the spreadsheet and save it again as .xlsx, or as "
                           "\"CSV UTF-8\"");
        return std::nullopt;
    };
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
        std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        return refuse(why);
    }
    ZipPtr zip(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (!zip) {
        zip_source_free(source);
        std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        return refuse(why);
    }
    auto part = [&](const std::string& name) { return read_part(zip.get(), name); };

    // The package's relationships name the workbook part.
    std::string workbook_name = "xl/workbook.xml";
    auto package_rels = part("_rels/.rels");
    if (!package_rels)
        return refuse(package_rels.error().message);
    if (*package_rels) {
        auto rels = relationships(**package_rels, "_rels/.rels");
        if (!rels)
            return refuse(rels.error().message);
        for (const auto& [id, r] : *rels)
            if (r.type == "officeDocument")
                workbook_name = resolve("", r.target);
    }
    auto workbook = part(workbook_name);
    if (!workbook)
        return refuse(workbook.error().message);
    if (!*workbook)
        return refuse("it has no workbook part; is it a Word or PowerPoint file?");

    // The workbook: its sheets in tab order, and whether it counts days from 1904.
    bool date1904 = false;
    std::string first_sheet_id;
    XmlHandler wb;
    wb.start = [&](std::string_view name, const char** attrs) {
        if (name == "workbookPr") {
            auto v = attribute(attrs, "date1904");
            date1904 = v && (*v == "1" || *v == "true");
        } else if (name == "sheet" && first_sheet_id.empty()) {
            auto state = attribute(attrs, "state");
            auto id = attribute(attrs, "id");
            if (id && (!state || *state == "visible"))
                first_sheet_id = *id;
        }
    };
    if (auto r = parse_xml(**workbook, wb, workbook_name); !r)
        return refuse(r.error().message);
    auto workbook_rels_text = part(rels_of(workbook_name));
    if (!workbook_rels_text || !*workbook_rels_text)
        return refuse("its workbook has no relationships part");
    auto workbook_rels = relationships(**workbook_rels_text, rels_of(workbook_name));
    if (!workbook_rels)
        return refuse(workbook_rels.error().message);
    auto sheet_rel = workbook_rels->find(first_sheet_id);
    if (first_sheet_id.empty() || sheet_rel == workbook_rels->end())
        return refuse("it has no visible sheet");
    std::string sheet_name = resolve(workbook_name, sheet_rel->second.target);

    std::vector<std::string> strings;
    Styles styles;
    for (const auto& [id, r] : *workbook_rels) {
        if (r.type != "sharedStrings" && r.type != "styles")
            continue;
        auto name = resolve(workbook_name, r.target);
        auto text = part(name);
        if (!text)
            return refuse(text.error().message);
        if (!*text)
            continue;
        if (r.type == "sharedStrings") {
            auto s = read_shared_strings(**text, name);
            if (!s)
                return refuse(s.error().message);
            strings = std::move(*s);
        } else {
            auto s = read_styles(**text, name);
            if (!s)
                return refuse(s.error().message);
            styles = std::move(*s);
        }
    }
    auto sheet = part(sheet_name);
    if (!sheet)
        return refuse(sheet.error().message);
    if (!*sheet)
        return refuse(sheet_name + " is missing");

    // The sheet's cells, row by row.
    std::vector<CsvRow> rows;
    std::string too_big;
    int row_number = 0, column = 0;
    std::string type, value, inline_text;
    int style = 0;
    bool in_value = false, in_inline = false, in_t = false, formula = false;
    std::string cell_ref;
    int formulas_without_value = 0;
    CsvRow row;
    auto cell_text = [&]() -> std::string {
        if (type == "s") {
            auto i = static_cast<std::size_t>(std::atol(value.c_str()));
            return i < strings.size() && !value.empty() ? strings[i] : std::string();
        }
        if (type == "inlineStr")
            return unescape(inline_text);
        if (type == "str" || type == "e")
            return unescape(value);
        if (type == "b")
            return value == "1" ? "TRUE" : "FALSE";
        if (type == "d")
            return iso_cell(value);
        if (value.empty())
            return "";
        char* end = nullptr;
        double v = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0')
            return value;
        int id = style >= 0 && static_cast<std::size_t>(style) < styles.cell_formats.size()
                     ? styles.cell_formats[static_cast<std::size_t>(style)]
                     : 0;
        auto code = styles.codes.find(id);
        return format_cell_number(
            v, number_format(id, code == styles.codes.end() ? "" : code->second), date1904);
    };
    XmlHandler sh;
    sh.start = [&](std::string_view name, const char** attrs) {
        if (name == "row") {
            auto r = attribute(attrs, "r");
            row_number = r ? std::atoi(std::string(*r).c_str()) : row_number + 1;
            row = CsvRow{row_number, {}};
            column = 0;
        } else if (name == "c") {
            auto r = attribute(attrs, "r");
            int c = r ? column_of(*r) : 0;
            column = c > 0 ? c : column + 1;
            if (r && row_of(*r) > 0)
                row.line = row_of(*r);
            cell_ref = r ? std::string(*r) : std::string();
            formula = false;
            auto t = attribute(attrs, "t");
            type = t ? std::string(*t) : "n";
            auto s = attribute(attrs, "s");
            style = s ? std::atoi(std::string(*s).c_str()) : 0;
            value.clear();
            inline_text.clear();
        } else if (name == "v") {
            in_value = true;
        } else if (name == "f") {
            formula = true;
        } else if (name == "is") {
            in_inline = true;
        } else if (name == "t") {
            in_t = true;
        } else if (name == "rPh") {
            in_inline = false; // A phonetic guide: not the cell's text.
        }
    };
    sh.end = [&](std::string_view name) {
        if (name == "v") {
            in_value = false;
        } else if (name == "is") {
            in_inline = false;
        } else if (name == "t") {
            in_t = false;
        } else if (name == "rPh") {
            in_inline = true;
        } else if (name == "c") {
            if (column > kMaxSheetColumns) {
                too_big = "a cell beyond column " + std::to_string(kMaxSheetColumns);
                return;
            }
            if (formula && value.empty() && type != "inlineStr") {
                // Written by a program that does not compute formulas: the value the sheet
                // would show is not in the file.
                if (++formulas_without_value <= 10)
                    problems.error(file, row.line, cell_ref,
                                   "the formula in cell " + cell_ref +
                                       " has no value saved with it: open the file in Excel, WPS "
                                       "or LibreOffice and save it again");
                return;
            }
            std::string text = cell_text();
            if (text.empty())
                return;
            if (row.fields.size() < static_cast<std::size_t>(column))
                row.fields.resize(static_cast<std::size_t>(column));
            row.fields[static_cast<std::size_t>(column - 1)] = std::move(text);
        } else if (name == "row") {
            if (row.fields.empty())
                return; // An empty row, as a CSV file's blank line.
            if (rows.size() >= static_cast<std::size_t>(kMaxSheetRows)) {
                too_big = "more than " + std::to_string(kMaxSheetRows) + " rows";
                return;
            }
            rows.push_back(std::move(row));
            row = CsvRow{};
        }
    };
    sh.text = [&](std::string_view t) {
        if (in_value)
            value.append(t);
        else if (in_inline && in_t)
            inline_text.append(t); // The runs of an inline string join.
    };
    if (auto r = parse_xml(**sheet, sh, sheet_name); !r)
        return refuse(r.error().message);
    if (!too_big.empty())
        return refuse("the first sheet has " + too_big);
    if (formulas_without_value > 0)
        return std::nullopt;
    // Rows in the order of their numbers (a writer may put them out of order).
    std::stable_sort(rows.begin(), rows.end(),
                     [](const CsvRow& a, const CsvRow& b) { return a.line < b.line; });
    return rows;
}

} // namespace kiosk::pack

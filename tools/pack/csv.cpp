// CSV decoding and parsing.
#include "csv.hpp"

#include "ini.hpp"

#include "kiosk/text/utf8.hpp"

#include <iconv.h>

#include <algorithm>

namespace kiosk::pack {
namespace {

std::optional<std::string> from_gbk(const std::string& bytes) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1))
        return std::nullopt;
    std::string out(bytes.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    char* o = out.data();
    std::size_t out_left = out.size();
    std::size_t r = iconv(cd, &in, &in_left, &o, &out_left);
    iconv_close(cd);
    if (r == static_cast<std::size_t>(-1) || in_left != 0)
        return std::nullopt;
    out.resize(out.size() - out_left);
    return out;
}

} // namespace

std::optional<std::string> to_utf8(const std::string& bytes, const std::string& file,
                                   Problems& problems) {
    if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        if (text::valid_utf8(std::string_view(bytes).substr(3)))
            return bytes.substr(3);
        problems.error(file, 0, "",
                       "the file says it is UTF-8 but is not; in the spreadsheet, use Save As and "
                       "choose \"CSV UTF-8 (comma delimited)\"");
        return std::nullopt;
    }
    if (bytes.compare(0, 2, "\xFF\xFE") == 0 || bytes.compare(0, 2, "\xFE\xFF") == 0) {
        problems.error(
            file, 0, "",
            "the file is saved as UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\" instead");
        return std::nullopt;
    }
    if (text::valid_utf8(bytes))
        return bytes;
    if (auto gbk = from_gbk(bytes))
        return gbk;
    problems.error(
        file, 0, "",
        "the file's encoding cannot be told (neither UTF-8 nor GBK); in the spreadsheet, use "
        "Save As and choose \"CSV UTF-8 (comma delimited)\"");
    return std::nullopt;
}

std::vector<CsvRow> parse_csv(const std::string& s, const std::string& file, Problems& problems) {
    std::vector<CsvRow> rows;
    CsvRow row;
    std::string field;
    int line = 1;
    row.line = 1;
    bool quoted = false;
    bool field_started = false;
    int quote_line = 0;
    auto end_row = [&] {
        row.fields.push_back(field);
        field.clear();
        bool blank = std::all_of(row.fields.begin(), row.fields.end(),
                                 [](const std::string& f) { return trim(f).empty(); });
        if (!blank)
            rows.push_back(std::move(row));
        row = CsvRow{};
        field_started = false;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < s.size() && s[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && !field_started) {
            quoted = true;
            field_started = true;
            quote_line = line;
        } else if (c == ',') {
            row.fields.push_back(field);
            field.clear();
            field_started = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n')
                ++i;
            end_row();
            ++line;
            row.line = line;
        } else {
            if (c == '"') {
                problems.error(file, line, "",
                               "a quote mark in the middle of a field: put the whole field in "
                               "quotes and double the quote mark (\"\")");
            }
            field += c;
            field_started = true;
        }
    }
    if (quoted)
        problems.error(file, quote_line, "", "a quoted field is never closed");
    if (!field.empty() || !row.fields.empty())
        end_row();
    return rows;
}

CsvTable::CsvTable(std::vector<CsvRow> rows, std::vector<Column> columns, const std::string& file,
                   Problems& problems)
    : m_columns(std::move(columns)), m_index(m_columns.size(), -1) {
    if (rows.empty()) {
        problems.error(file, 0, "", "the file is empty; the first row must name the columns");
        m_ok = false;
        return;
    }
    for (auto& h : rows.front().fields)
        m_header.push_back(trim(h));
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        for (std::size_t k = 0; k < m_header.size(); ++k) {
            auto& names = m_columns[c].names;
            std::string h = m_header[k];
            std::transform(h.begin(), h.end(), h.begin(), [](char ch) {
                return static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            });
            if (std::find(names.begin(), names.end(), h) != names.end())
                m_index[c] = static_cast<int>(k);
        }
        if (m_index[c] < 0 && m_columns[c].required) {
            std::string names;
            for (const auto& n : m_columns[c].names)
                names += (names.empty() ? "" : " or ") + n;
            problems.error(file, rows.front().line, m_columns[c].key,
                           "the first row has no column named " + names);
            m_ok = false;
        }
    }
    for (std::size_t k = 0; k < m_header.size(); ++k) {
        bool known =
            std::find(m_index.begin(), m_index.end(), static_cast<int>(k)) != m_index.end();
        if (!known && !m_header[k].empty())
            problems.error(file, rows.front().line, m_header[k],
                           "unknown column \"" + m_header[k] + "\"");
        if (!known && !m_header[k].empty())
            m_ok = false;
    }
    rows.erase(rows.begin());
    for (const auto& r : rows) {
        if (r.fields.size() > m_header.size())
            problems.error(file, r.line, "",
                           "this row has " + std::to_string(r.fields.size()) +
                               " fields, the first row names " + std::to_string(m_header.size()) +
                               " columns (a comma inside a field needs quotes)");
    }
    m_rows = std::move(rows);
}

std::string CsvTable::get(const CsvRow& row, const char* key) const {
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        if (std::string(m_columns[c].key) != key)
            continue;
        int i = m_index[c];
        if (i < 0 || static_cast<std::size_t>(i) >= row.fields.size())
            return "";
        return trim(row.fields[static_cast<std::size_t>(i)]);
    }
    return "";
}

std::string CsvTable::label(const char* key) const {
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        if (std::string(m_columns[c].key) != key)
            continue;
        int i = m_index[c];
        std::string name = i >= 0 ? m_header[static_cast<std::size_t>(i)] : key;
        return name == key ? name : name + " (" + key + ")";
    }
    return key;
}

} // namespace kiosk::pack

// CSV as spreadsheets save it: UTF-8 with or without a byte-order mark, or GBK (a Chinese Windows
// PC's "CSV" by default), quoted fields, CRLF line ends.
#pragma once

#include "problems.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::pack {

struct CsvRow {
    int line{};
    std::vector<std::string> fields;
};

// The text as UTF-8, or nullopt (with a problem saying how to save the file) when its encoding
// cannot be told.
std::optional<std::string> to_utf8(const std::string& bytes, const std::string& file,
                                   Problems& problems);

// Rows of the file, empty rows skipped. Line numbers are those an editor shows.
std::vector<CsvRow> parse_csv(const std::string& utf8, const std::string& file, Problems& problems);

// A table with named columns: each wanted column may be found under any of its names
// (`日期` or `date`), in any order.
class CsvTable {
public:
    struct Column {
        const char* key; // The name used in messages, English.
        std::vector<std::string> names;
        bool required;
    };
    CsvTable(std::vector<CsvRow> rows, std::vector<Column> columns, const std::string& file,
             Problems& problems);
    bool ok() const { return m_ok; }
    const std::vector<CsvRow>& rows() const { return m_rows; }
    // The value of column `key` in `row`, trimmed; empty if the column is absent.
    std::string get(const CsvRow& row, const char* key) const;
    // `开始 (start)`: how the column is named in this file.
    std::string label(const char* key) const;

private:
    std::vector<CsvRow> m_rows;
    std::vector<Column> m_columns;
    std::vector<int> m_index; // By column: position in the file, or -1.
    std::vector<std::string> m_header;
    bool m_ok{true};
};

} // namespace kiosk::pack

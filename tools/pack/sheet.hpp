// A spreadsheet file of any common form, as rows of text: CSV (UTF-8 or GBK) or an Excel
// workbook (.xlsx), recognised by content, not by name; the forms that cannot be read (old .xls,
// WPS's .et, OpenDocument's .ods, UTF-16 text) are refused with a message saying how to save it.
#pragma once

#include "csv.hpp"
#include "problems.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::pack {

std::optional<std::vector<CsvRow>> read_sheet(const std::string& bytes, const std::string& file,
                                              Problems& problems);

} // namespace kiosk::pack

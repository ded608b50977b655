// Excel workbooks (.xlsx, Office Open XML: what Excel, WPS and LibreOffice save) read with libzip
// and expat: the first visible sheet as rows of text, each cell as the spreadsheet shows it.
#pragma once

#include "csv.hpp"
#include "problems.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::pack {

// The most rows and columns a sheet may have, and the most bytes one part of the workbook may
// unpack to: far beyond a week's timetable or a competition's results, and a cap on what a
// damaged or hostile file can cost.
inline constexpr int kMaxSheetRows = 100'000;
inline constexpr int kMaxSheetColumns = 1'000;
inline constexpr std::size_t kMaxPartBytes = 64u << 20;

// The cells of the first visible sheet, row by row (line numbers are the sheet's row numbers,
// empty rows left out):
// - shared and inline strings as they are (rich text joined, phonetic guides left out);
// - numbers as the sheet holds them, to 15 significant digits (Excel's precision), with the
//   decimals a fixed format such as 0.00 shows (85.3 in 0.00 is 85.30);
// - dates and times from their serial numbers by their number format: `2020-11-08`,
//   `11月9日` (a format without a year), `09:00`, `2020-11-08 09:00`;
// - TRUE and FALSE; an error value as its code (#N/A).
// Nothing when the file is not a readable workbook (a problem says how to save it).
std::optional<std::vector<CsvRow>> read_xlsx(std::string_view bytes, const std::string& file,
                                             Problems& problems);

// What a number format shows of a serial number, for read_xlsx and its tests.
struct NumberFormat {
    bool date{false};    // Shows a day (or a month).
    bool year{false};    // … with its year.
    bool time{false};    // Shows hours, minutes or seconds.
    int decimals{0};     // A fixed number format's decimals (0.00: 2).
    bool percent{false}; // Shown times 100 with %.
};
NumberFormat number_format(int id, const std::string& code);
// The serial number `v` as the format shows it; `date1904` for workbooks counting from 1904.
std::string format_cell_number(double v, const NumberFormat& f, bool date1904);

} // namespace kiosk::pack

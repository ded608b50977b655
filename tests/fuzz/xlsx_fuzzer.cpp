// kiosk-pack's reader of spreadsheet files: a workbook (.xlsx, through libzip and expat) or the
// forms it refuses, and the timetable's and results' typed values read from its cells.
#include "fuzz_util.hpp"
#include "sheet.hpp"
#include "values.hpp"

#include <cstdlib>

using namespace kiosk::pack;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(kiosk::fuzz::as_text(data, size));
    Problems problems;
    auto rows = read_sheet(bytes, "sheet.xlsx", problems);
    // A file is either read or refused with a reason, never dropped silently.
    if (!rows && !problems.has_errors())
        std::abort();
    if (rows)
        for (const auto& row : *rows)
            for (const auto& cell : row.fields) {
                (void)parse_date(cell);
                (void)clock_minutes(cell);
                (void)to_number(cell);
                (void)is_yes(cell);
                (void)no_score(cell);
            }
    (void)problems.report();
    return 0;
}

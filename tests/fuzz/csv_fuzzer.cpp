// kiosk-pack's readers of an operator's spreadsheets and settings: encoding detection (UTF-8, with
// or without a byte-order mark, or GBK through iconv), CSV, the results sheet and settings.ini.
#include "csv.hpp"
#include "fuzz_util.hpp"
#include "ini.hpp"
#include "results_csv.hpp"

#include <cstdlib>

using namespace kiosk::pack;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(kiosk::fuzz::as_text(data, size));
    Problems problems;
    auto text = to_utf8(bytes, "timetable.csv", problems);
    // A file is either read or refused with a reason, never dropped silently.
    if (!text && !problems.has_errors())
        std::abort();
    if (text) {
        CsvTable table(parse_csv(*text, "timetable.csv", problems),
                       {{"date", {"date", "日期"}, true},
                        {"start", {"start", "开始"}, true},
                        {"title", {"title", "活动"}, true},
                        {"place", {"place", "地点"}, false}},
                       "timetable.csv", problems);
        for (const auto& row : table.rows())
            (void)table.get(row, "title");
        (void)table.label("start");
        (void)parse_ini(*text, "settings.ini", problems);
    }
    nlohmann::json events = nlohmann::json::array();
    std::set<std::string> names;
    (void)parse_results_csv(bytes, "results.csv", problems, events, names);
    (void)problems.report();
    return 0;
}

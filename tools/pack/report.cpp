// Reading play-YYYY-MM-DD.csv files back.
#include "report.hpp"

#include "csv.hpp"
#include "kiosk/content/bundle.hpp"
#include "kiosk/core/csv_writer.hpp"
#include "kiosk/core/time.hpp"

#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace kiosk::pack {

std::optional<std::string> summarise_play_logs(const std::filesystem::path& dir,
                                               const ReportOptions& o, Problems& problems) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::set<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        auto name = e.path().filename().string();
        if (name.size() == 19 && name.starts_with("play-") && name.ends_with(".csv")) {
            std::string day = name.substr(5, 10);
            if ((o.from_day && day < *o.from_day) || (o.to_day && day > *o.to_day))
                continue;
            files.insert(e.path());
        }
    }
    if (ec) {
        problems.error(dir.string(), 0, "", "cannot be read (" + ec.message() + ")");
        return std::nullopt;
    }
    struct Sum {
        int shown{0};
        double seconds{0};
        int touches{0};
    };
    std::map<std::tuple<std::string, std::string, std::string>, Sum> sums; // (date, display, slide)
    for (const auto& path : files) {
        std::string file = path.filename().string();
        auto bytes = content::read_file(path, 256u << 20);
        if (!bytes) {
            problems.error(file, 0, "", bytes.error().message);
            continue;
        }
        CsvTable t(parse_csv(*bytes, file, problems),
                   {{"type", {"type"}, true},
                    {"start", {"start"}, true},
                    {"end", {"end"}, true},
                    {"display", {"display"}, true},
                    {"slide", {"slide"}, true},
                    {"bundle", {"bundle"}, false}},
                   file, problems);
        if (!t.ok())
            continue;
        for (const auto& row : t.rows()) {
            auto start = parse_datetime(t.get(row, "start"));
            auto end = parse_datetime(t.get(row, "end"));
            std::string type = t.get(row, "type");
            std::string display = t.get(row, "display");
            if (!start || !end || *end < *start || (type != "slide" && type != "touch")) {
                // A line cut short by a power cut is expected at the end of a file: skip it.
                problems.warn(file, row.line, "", "unreadable line skipped");
                continue;
            }
            if (o.display && display != *o.display)
                continue;
            std::string date = t.get(row, "start").substr(0, 10);
            auto& s = sums[{date, display, t.get(row, "slide")}];
            if (type == "slide") {
                ++s.shown;
                s.seconds += std::chrono::duration<double>(*end - *start).count();
            } else {
                ++s.touches;
            }
        }
    }
    std::string out = "date,display,slide,times_shown,minutes_on_screen,interactions\n";
    auto minutes = [](double seconds) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", seconds / 60);
        return std::string(buf);
    };
    auto line = [&](const std::string& date, const std::string& display, const std::string& slide,
                    const Sum& s) {
        out += csv_line({date, display, slide, std::to_string(s.shown), minutes(s.seconds),
                         std::to_string(s.touches)});
    };
    std::string day;
    Sum total;
    auto total_line = [&] {
        if (day.empty())
            return;
        line(day, "all", "TOTAL", total);
        total = {};
    };
    for (const auto& [key, s] : sums) {
        const auto& [date, display, slide] = key;
        if (date != day) {
            total_line();
            day = date;
        }
        line(date, display, slide.empty() ? "(none)" : slide, s);
        total.shown += s.shown;
        total.seconds += s.seconds;
        total.touches += s.touches;
    }
    total_line();
    return out;
}

} // namespace kiosk::pack

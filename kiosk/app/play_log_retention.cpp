// Pruning old proof-of-play files.
#include "kiosk/app/play_log_retention.hpp"

#include "kiosk/core/log.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <regex>

namespace kiosk::app {
namespace {

std::optional<std::chrono::sys_days> day_of(const std::string& ymd) {
    static const std::regex form("(\\d{4})-(\\d{2})-(\\d{2})");
    std::smatch m;
    if (!std::regex_match(ymd, m, form))
        return std::nullopt;
    std::chrono::year_month_day d{std::chrono::year{std::stoi(m[1])},
                                  std::chrono::month{static_cast<unsigned>(std::stoi(m[2]))},
                                  std::chrono::day{static_cast<unsigned>(std::stoi(m[3]))}};
    if (!d.ok())
        return std::nullopt;
    return std::chrono::sys_days{d};
}

} // namespace

std::vector<std::string> prune_play_logs(const std::filesystem::path& dir, const std::string& today,
                                         const PlayLogRetention& retention,
                                         const std::string& trusted_day) {
    namespace fs = std::filesystem;
    struct File {
        std::string day;
        fs::path path;
        std::uint64_t size;
    };
    std::vector<File> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        auto name = e.path().filename().string();
        if (name.size() != 19 || !name.starts_with("play-") || !name.ends_with(".csv"))
            continue;
        auto day = name.substr(5, 10);
        if (!day_of(day) || day >= today)
            continue; // Today's (or a clock gone back: a day "after" today) is kept.
        std::error_code size_ec;
        auto size = e.file_size(size_ec);
        files.push_back({day, e.path(), size_ec ? 0 : size});
    }
    std::sort(files.begin(), files.end(), [](auto& a, auto& b) { return a.day < b.day; });
    std::uint64_t total = 0;
    for (const auto& f : files)
        total += f.size;
    std::error_code today_ec;
    auto today_file = dir / ("play-" + today + ".csv");
    if (fs::exists(today_file, today_ec))
        total += fs::file_size(today_file, today_ec);
    // Ages count from the trusted day when the clock says later: a clock set to 2099 would make
    // every file look decades old.
    auto first_kept = day_of(!trusted_day.empty() && trusted_day < today ? trusted_day : today);
    std::vector<std::string> removed;
    for (const auto& f : files) {
        bool newest = &f == &files.back();
        bool too_old = first_kept && !newest &&
                       *day_of(f.day) <= *first_kept - std::chrono::days{retention.keep_days};
        if (!too_old && total <= retention.max_bytes)
            break;
        std::error_code rm_ec;
        if (!fs::remove(f.path, rm_ec) || rm_ec) {
            log::warn("play-log",
                      f.path.string() + ": cannot be removed (" + rm_ec.message() + ")");
            continue;
        }
        total -= f.size;
        removed.push_back(f.path.filename().string());
        log::info("play-log",
                  "removed " + f.path.filename().string() +
                      (too_old ? " (older than " + std::to_string(retention.keep_days) + " days)"
                               : " (the play log is over its size cap)"));
    }
    return removed;
}

} // namespace kiosk::app

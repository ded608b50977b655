// Proof-of-play retention: the daily files are kept for a number of days and within a total size,
// so a display that runs for years never fills its disk.
#pragma once

#include "kiosk/core/time.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::app {

struct PlayLogRetention {
    int keep_days{90};                    // Today and the days before it.
    std::uint64_t max_bytes{64ull << 20}; // All files together; one day gets at most half.
    // The newest trustworthy time (the store's: when the content on screen was published), if
    // any. A clock gone years ahead must not make today's files look old.
    std::function<std::optional<TimePoint>()> trusted_time;
};

// Removes `play-YYYY-MM-DD.csv` files of `dir` older than `keep_days` before `today`
// (`YYYY-MM-DD`), then the oldest until the rest fit in `max_bytes`. Age is judged from the
// earlier of `today` and `trusted_day` (the trusted time's day, empty if unknown), and the newest
// file before today is never removed for its age. Today's file is never removed. Returns the
// names removed, oldest first.
std::vector<std::string> prune_play_logs(const std::filesystem::path& dir, const std::string& today,
                                         const PlayLogRetention& retention,
                                         const std::string& trusted_day = "");

} // namespace kiosk::app

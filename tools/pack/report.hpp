// Proof-of-play summaries: per day and slide, how often it was shown, for how many minutes, and
// how many touches came while it was on screen.
#pragma once

#include "problems.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::pack {

struct ReportOptions {
    std::optional<std::string> from_day; // `2020-11-08`, inclusive.
    std::optional<std::string> to_day;   // Inclusive.
    std::optional<std::string> display;  // Only this display.
};

// CSV: date,display,slide,times_shown,minutes_on_screen,interactions, then a total line per day.
std::optional<std::string> summarise_play_logs(const std::filesystem::path& dir,
                                               const ReportOptions& options, Problems& problems);

} // namespace kiosk::pack

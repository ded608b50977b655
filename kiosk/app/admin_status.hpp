// What the admin screen tells a technician about this display.
#pragma once

#include "kiosk/sync/sync_engine.hpp"
#include "kiosk/ui/browse.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::app {

struct StatusInputs {
    std::string display_id;
    std::int64_t bundle_version{};
    std::string channel;                  // Empty: local content only.
    std::optional<sync::SyncStatus> sync; // When a channel is followed.
    std::chrono::steady_clock::duration uptime{};
    TimePoint now;
    std::chrono::minutes utc_offset{};
    std::string addresses; // network_addresses()
    std::string version;   // The program's.
    // Flags about the content on screen (kept apart, one line each).
    std::optional<TimePoint> expired_at; // Past its expiry, still shown as the last good content.
    // Slides left out because the program died in them (slide_guard.hpp).
    std::vector<std::string> skipped_slides;
};

ui::StatusLines status_lines(const StatusInputs& in);

// `3天 4小时 5分` / `4小时 5分` / `5分 12秒`
std::string format_uptime(std::chrono::steady_clock::duration d);

} // namespace kiosk::app

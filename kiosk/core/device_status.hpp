// A snapshot of a display's health: what the fleet view uploads and what an on-screen status page
// shows. Plain data; app/device_status.hpp fills it and writes it as JSON.
#pragma once

#include "kiosk/core/time.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct DeviceStatus {
    std::string display_id;
    std::string program_version;    // `0.1.0`
    std::int64_t bundle_version{0}; // On screen.
    std::int64_t stored_version{0}; // Active in the store (newer while waiting for a boundary).
    std::string current_slide;      // Its id; empty when nothing is on screen.
    bool screen_on{true};           // False at night (on-hours).
    TimePoint time{};               // When the snapshot was taken, by the display's clock.
    std::chrono::seconds uptime{0}; // Of the program.
    std::chrono::seconds system_uptime{0};
    std::optional<TimePoint> last_sync; // The last poll that reached the server.
    std::string last_error;             // The last sync error, if any since start.
    std::optional<TimePoint> last_error_at;
    std::optional<std::uint64_t> free_disk_bytes; // On the content store's file system.
    std::string network_address;                  // The first address that is not loopback.
    // Content flags.
    std::optional<TimePoint> content_expired_at; // The version on screen is past its expiry.
    // Slides left out because the program died in them twice (engine/slide_guard.hpp).
    std::vector<std::string> skipped_slides;
};

} // namespace kiosk

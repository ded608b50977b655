// The display config's fields for running unattended: night schedule and power commands, the
// fleet view, screen rotation and video output, log level and proof-of-play retention.
#pragma once

#include "kiosk/content/on_hours.hpp"
#include "kiosk/core/error.hpp"
#include "kiosk/core/log.hpp"

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

namespace kiosk::app {

struct FleetConfig {
    std::string url;                     // The fleet share, e.g. https://content.example.org/fleet/
    std::filesystem::path password_file; // This display's password (the user is its display id).
    std::chrono::seconds interval{300};  // Between uploads.
    int thumbnail_width{320};
};

enum class VideoOutput { Auto, Kmsdrm, Wayland, X11 };

struct UnattendedConfig {
    content::OnHours on_hours;                      // Default: always on.
    std::optional<std::chrono::minutes> utc_offset; // Of on_hours; default: the bundle's.
    std::string screen_off_command;                 // Run when the night starts …
    std::string screen_on_command;                  // … and when it ends (and at start).
    std::optional<FleetConfig> fleet;
    int rotation{0}; // 0, 90, 180 or 270 degrees clockwise.
    VideoOutput video{VideoOutput::Auto};
    std::optional<log::Level> log_level;
    int play_log_keep_days{90};
    std::uint64_t play_log_max_bytes{64ull << 20};
};

// The names of these fields, for the parser's unknown-field check.
const std::set<std::string>& unattended_fields();
// Reads these fields of the config object `j` (the rest is read by parse_config).
Result<UnattendedConfig> parse_unattended(const nlohmann::json& j, const std::string& file);

} // namespace kiosk::app

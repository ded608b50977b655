// A display's config file (JSON): where its content comes from and who it is.
#pragma once

#include "kiosk/app/config_unattended.hpp"
#include "kiosk/core/error.hpp"
#include "kiosk/sync/signature.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::app {

// Touch browsing and the admin screen ("touch" in the config).
struct TouchConfig {
    bool enabled{true};
    std::chrono::seconds idle{60};   // Quiet this long: back to the slideshow.
    double screen_diagonal_in{55.0}; // Sizes touch targets (at least 9 mm) and gestures.
    std::string admin_corner{"top-left"};
    std::chrono::seconds admin_hold{5};
    std::string admin_pin; // PIN hash (kiosk-pack pin); empty: no admin screen.
};

struct DisplayConfig {
    std::string display_id;
    std::vector<std::string> tags;
    std::string server; // http:// or https:// URL of the web root.
    std::string channel;
    std::vector<sync::PublicKey> trusted_keys;
    std::chrono::seconds poll_interval{60};
    std::filesystem::path cache_dir;
    std::uint64_t cache_max_bytes{1024ull << 20};
    std::string ca_file;
    std::filesystem::path play_log_dir; // Empty: no proof of play.
    std::chrono::seconds connect_timeout{10};
    long low_speed_bytes{1024};              // A transfer slower than this …
    std::chrono::seconds low_speed_time{20}; // … for this long is given up.
    std::chrono::seconds total_timeout{600};
    std::chrono::milliseconds results_poll{5000};   // The live results feed.
    std::chrono::seconds results_lost_after{60};    // No answer this long: "feed lost".
    std::chrono::seconds results_stale_after{3600}; // Data this old: "not current".
    TouchConfig touch;
    UnattendedConfig unattended; // Night schedule, fleet view, rotation, logs (own file).
};

// Reads and checks the file; a bad one is refused with the field named.
Result<DisplayConfig> load_config(const std::filesystem::path& file);
Result<DisplayConfig> parse_config(std::string_view json_text, const std::string& file);

} // namespace kiosk::app

// The command line.
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/core/geometry.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/platform/renderer_choice.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::app {

struct Options {
    std::filesystem::path content;
    std::optional<Size> size;
    std::optional<TimePoint> clock;
    double speed{1.0};
    std::optional<double> after_s;
    std::optional<std::filesystem::path> screenshot;
    std::optional<double> run_for_s;
    std::optional<TimePoint> run_until; // Exit when simulated time gets there.
    bool step_clock{false};             // Simulated time driven from standard input.
    std::optional<int> polls;           // Exit after this many polls of the channel.
    bool headless{false};
    platform::RendererChoice renderer{platform::RendererChoice::Auto};
    bool windowed{false};
    bool stats{false};
    bool verbose{false};
    std::optional<std::filesystem::path> data_dir;
    std::optional<std::string> start_slide;         // Begin the playlist at this slide id.
    std::optional<std::filesystem::path> draw_list; // With --screenshot: the frame as text.
    std::optional<std::filesystem::path> play_log;  // Proof-of-play folder.
    std::optional<std::filesystem::path> config;    // The display's config file (remote content).
    std::optional<std::filesystem::path> replay;    // Timed input to play in simulated time.
    std::string display_id;                         // Default: the host name.
    std::vector<std::string> tags;                  // This display's tags (targeting).
    bool help{false};
    bool version{false};
};

Result<Options> parse_options(const std::vector<std::string>& args);
std::string usage();

} // namespace kiosk::app

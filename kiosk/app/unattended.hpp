// What a display needs to run for weeks with nobody near it, owned in one place by run(): the
// service notifier and watchdog, the night schedule's power commands, the fleet reporter and the
// fault switch. The board consults it from the loop (board_unattended.cpp).
#pragma once

#include "kiosk/app/config.hpp"
#include "kiosk/platform/power_command.hpp"
#include "kiosk/platform/service.hpp"
#include "kiosk/sync/fleet.hpp"

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

namespace kiosk::app {

struct Unattended {
    // `config` may be null: a display without one still reports to systemd. Setting `cancel`
    // stops an upload in progress (at exit).
    Unattended(const DisplayConfig* config, const std::string& display_id,
               std::chrono::steady_clock::time_point process_start,
               std::shared_ptr<std::atomic<bool>> cancel);
    ~Unattended();
    Unattended(const Unattended&) = delete;
    Unattended& operator=(const Unattended&) = delete;

    UnattendedConfig settings;
    std::filesystem::path disk_of; // The content store: its free space is reported.
    std::chrono::steady_clock::time_point process_start;
    platform::ServiceNotifier notifier;
    std::optional<platform::FrameWatchdog> watchdog;
    platform::FaultSwitch fault;
    std::unique_ptr<platform::PowerSwitch> power;
    std::unique_ptr<sync::CurlUploader> uploader;
    std::unique_ptr<sync::FleetReporter> fleet;

    // Main thread only.
    bool ready_sent{false};
    std::optional<bool> screen_powered; // What the power command was last asked for.
    std::string status_sent;
    std::chrono::steady_clock::time_point next_report{};
    std::chrono::steady_clock::time_point last_report{};
    std::int64_t reported_version{-1};
    bool reported_dark{false};
    std::deque<std::uint64_t> frame_marks; // Renderer frames at the last quarter hours.
    long long last_quarter{0};
};

} // namespace kiosk::app

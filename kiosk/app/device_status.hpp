// Fills the system part of a DeviceStatus (uptime, free disk, network address) and writes a status
// as the JSON document of the fleet view.
#pragma once

#include "kiosk/core/device_status.hpp"

#include <filesystem>
#include <string>

namespace kiosk::app {

// Program version, uptimes, free disk on `disk_of`'s file system and the network address.
void fill_system_status(DeviceStatus& status, const std::filesystem::path& disk_of,
                        std::chrono::steady_clock::time_point process_start);

// `{"display_id": …, "bundle_version": …, "time": "2020-11-08T09:30:00Z", …}`; times in UTC,
// missing values as null. `interval_s` tells the dashboard when to expect the next one.
std::string status_json(const DeviceStatus& status, std::chrono::seconds interval);

} // namespace kiosk::app

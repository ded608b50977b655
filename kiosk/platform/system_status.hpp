// The machine's side of a display's status: uptimes, free disk, network addresses.
#pragma once

#include "kiosk/core/device_status.hpp"

#include <chrono>
#include <filesystem>
#include <string>

namespace kiosk::platform {

// Program version (`version`), uptimes, free disk on `disk_of`'s file system and the network
// address.
void fill_system_status(DeviceStatus& status, const std::filesystem::path& disk_of,
                        std::chrono::steady_clock::time_point process_start,
                        const std::string& version);

// The machine's IPv4 and IPv6 addresses, loopback left out; "no network" when there are none.
std::string network_addresses();

} // namespace kiosk::platform

// A display's status as the JSON document of the fleet view (the system's part is filled by
// platform/system_status.hpp).
#pragma once

#include "kiosk/core/device_status.hpp"

#include <filesystem>
#include <string>

namespace kiosk::app {

// `{"display_id": …, "bundle_version": …, "time": "2020-11-08T09:30:00Z", …}`; times in UTC,
// missing values as null. `interval_s` tells the dashboard when to expect the next one.
std::string status_json(const DeviceStatus& status, std::chrono::seconds interval);

} // namespace kiosk::app

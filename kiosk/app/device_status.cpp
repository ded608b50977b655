// A display's status as the fleet view's JSON.
#include "kiosk/app/device_status.hpp"

#include <nlohmann/json.hpp>

namespace kiosk::app {
namespace {

nlohmann::json time_or_null(const std::optional<TimePoint>& t) {
    return t ? nlohmann::json(format_iso_ms(*t)) : nlohmann::json(nullptr);
}

} // namespace

std::string status_json(const DeviceStatus& s, std::chrono::seconds interval) {
    nlohmann::json j = {
        {"display_id", s.display_id},
        {"program_version", s.program_version},
        {"bundle_version", s.bundle_version},
        {"stored_version", s.stored_version},
        {"current_slide", s.current_slide},
        {"screen_on", s.screen_on},
        {"time", format_iso_ms(s.time)},
        {"uptime_s", s.uptime.count()},
        {"system_uptime_s", s.system_uptime.count()},
        {"last_sync", time_or_null(s.last_sync)},
        {"last_error", s.last_error},
        {"last_error_at", time_or_null(s.last_error_at)},
        {"free_disk_bytes", s.free_disk_bytes ? nlohmann::json(*s.free_disk_bytes) : nullptr},
        {"network_address", s.network_address},
        {"skipped_slides", s.skipped_slides},
        {"interval_s", interval.count()},
        // Content flags.
        {"content_expired_at", time_or_null(s.content_expired_at)},
    };
    // Text from the outside (an error message) may hold any bytes: replace what is not UTF-8.
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace kiosk::app

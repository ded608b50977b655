// The system part of a display's status, and its JSON.
#include "kiosk/app/device_status.hpp"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <fstream>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

namespace kiosk::app {
namespace {

std::string first_address() {
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0)
        return {};
    std::string v4;
    std::string v6;
    for (ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
        if (i->ifa_addr == nullptr || (i->ifa_flags & IFF_LOOPBACK) != 0 ||
            (i->ifa_flags & IFF_UP) == 0)
            continue;
        char buf[INET6_ADDRSTRLEN] = {};
        if (i->ifa_addr->sa_family == AF_INET && v4.empty()) {
            auto* a = reinterpret_cast<sockaddr_in*>(i->ifa_addr);
            if (::inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf) != nullptr)
                v4 = buf;
        } else if (i->ifa_addr->sa_family == AF_INET6 && v6.empty()) {
            auto* a = reinterpret_cast<sockaddr_in6*>(i->ifa_addr);
            if (!IN6_IS_ADDR_LINKLOCAL(&a->sin6_addr) &&
                ::inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf) != nullptr)
                v6 = buf;
        }
    }
    ::freeifaddrs(list);
    return !v4.empty() ? v4 : v6;
}

nlohmann::json time_or_null(const std::optional<TimePoint>& t) {
    return t ? nlohmann::json(format_iso_ms(*t)) : nlohmann::json(nullptr);
}

} // namespace

void fill_system_status(DeviceStatus& s, const std::filesystem::path& disk_of,
                        std::chrono::steady_clock::time_point process_start) {
    s.program_version = KIOSK_VERSION;
    s.uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                process_start);
    std::ifstream uptime("/proc/uptime");
    double up = 0;
    if (uptime >> up)
        s.system_uptime = std::chrono::seconds{static_cast<long long>(up)};
    std::error_code ec;
    if (!disk_of.empty()) {
        auto space = std::filesystem::space(disk_of, ec);
        if (!ec)
            s.free_disk_bytes = space.available;
    }
    s.network_address = first_address();
}

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

// The system part of a display's status, read from the kernel.
#include "kiosk/platform/system_status.hpp"

#include <arpa/inet.h>
#include <fstream>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

namespace kiosk::platform {
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

} // namespace

void fill_system_status(DeviceStatus& s, const std::filesystem::path& disk_of,
                        std::chrono::steady_clock::time_point process_start,
                        const std::string& version) {
    s.program_version = version;
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

std::string network_addresses() {
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0)
        return "unknown";
    std::string out;
    for (ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
        if (a->ifa_addr == nullptr || (a->ifa_flags & IFF_LOOPBACK) != 0 ||
            (a->ifa_flags & IFF_UP) == 0)
            continue;
        char buf[INET6_ADDRSTRLEN] = {};
        int family = a->ifa_addr->sa_family;
        const void* addr = nullptr;
        if (family == AF_INET)
            addr = &reinterpret_cast<const sockaddr_in*>(a->ifa_addr)->sin_addr;
        else if (family == AF_INET6)
            addr = &reinterpret_cast<const sockaddr_in6*>(a->ifa_addr)->sin6_addr;
        if (addr == nullptr || inet_ntop(family, addr, buf, sizeof buf) == nullptr)
            continue;
        if (!out.empty())
            out += "  ";
        out += std::string(a->ifa_name) + " " + buf;
    }
    freeifaddrs(list);
    return out.empty() ? "no network" : out;
}

} // namespace kiosk::platform

// sd_notify without libsystemd: the protocol is one datagram of "KEY=value" lines to a unix socket.
#include "kiosk/platform/service.hpp"

#include "kiosk/core/log.hpp"

#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace kiosk::platform {
namespace {

std::optional<long long> env_number(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0')
        return std::nullopt;
    long long n = 0;
    auto end = v + std::strlen(v);
    auto r = std::from_chars(v, end, n);
    if (r.ec != std::errc{} || r.ptr != end)
        return std::nullopt;
    return n;
}

} // namespace

ServiceNotifier::ServiceNotifier(const std::string& socket_path,
                                 std::optional<std::chrono::microseconds> watchdog_timeout)
    : m_path(socket_path), m_watchdog(watchdog_timeout) {
    sockaddr_un addr{};
    if (socket_path.empty() || socket_path.size() >= sizeof addr.sun_path ||
        (socket_path[0] != '/' && socket_path[0] != '@')) {
        log::warn("service", "NOTIFY_SOCKET \"" + socket_path + "\" is not a socket path: ignored");
        return;
    }
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        log::warn("service",
                  std::string("cannot make a notification socket: ") + std::strerror(errno));
}

ServiceNotifier ServiceNotifier::from_environment() {
    const char* socket = std::getenv("NOTIFY_SOCKET");
    if (socket == nullptr || *socket == '\0')
        return {};
    std::optional<std::chrono::microseconds> watchdog;
    auto usec = env_number("WATCHDOG_USEC");
    auto pid = env_number("WATCHDOG_PID");
    if (usec && *usec > 0 && (!pid || *pid == static_cast<long long>(::getpid())))
        watchdog = std::chrono::microseconds{*usec};
    ServiceNotifier n(socket, watchdog);
    for (const char* name : {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"})
        ::unsetenv(name);
    return n;
}

ServiceNotifier::~ServiceNotifier() {
    if (m_fd >= 0)
        ::close(m_fd);
}

ServiceNotifier::ServiceNotifier(ServiceNotifier&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)),
      m_watchdog(other.m_watchdog) {}

ServiceNotifier& ServiceNotifier::operator=(ServiceNotifier&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_path = std::move(other.m_path);
        m_watchdog = other.m_watchdog;
    }
    return *this;
}

bool ServiceNotifier::send(std::string_view state) const {
    if (m_fd < 0)
        return false;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, m_path.data(), m_path.size());
    if (m_path[0] == '@')
        addr.sun_path[0] = '\0'; // An abstract socket: no file behind it.
    auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_path.size());
    auto sent = ::sendto(m_fd, state.data(), state.size(), MSG_NOSIGNAL,
                         reinterpret_cast<const sockaddr*>(&addr), len);
    return sent == static_cast<ssize_t>(state.size());
}

FrameWatchdog::FrameWatchdog(std::chrono::steady_clock::duration timeout) : m_timeout(timeout) {}

FrameWatchdog::Time FrameWatchdog::frame_due() const {
    if (!m_last_frame)
        return Time::min();
    return *m_last_frame + m_timeout / 4;
}

bool FrameWatchdog::ping(Time now) {
    if (!m_last_frame || now - *m_last_frame > m_timeout / 2)
        return false;
    if (m_last_ping && now - *m_last_ping < m_timeout / 4)
        return false;
    m_last_ping = now;
    return true;
}

FaultSwitch FaultSwitch::from_environment() {
    FaultSwitch s;
    if (const char* f = std::getenv("KIOSK_FAULT_FREEZE_FILE"); f != nullptr && *f != '\0')
        s.m_file = f;
    return s;
}

bool FaultSwitch::tripped() const {
    std::error_code ec;
    return armed() && std::filesystem::exists(m_file, ec);
}

void FaultSwitch::freeze() const {
    log::error("service",
               "fault switch " + m_file.string() + ": the main loop is frozen (test hook)");
    for (;;)
        std::this_thread::sleep_for(std::chrono::hours{1});
}

} // namespace kiosk::platform

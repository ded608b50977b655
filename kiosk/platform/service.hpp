// Running as a systemd service: readiness and watchdog notifications (the sd_notify protocol, one
// datagram to $NOTIFY_SOCKET), the rule that pings the watchdog only while frames are really
// being presented, and the hidden fault switch that freezes the main loop for tests.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::platform {

class ServiceNotifier {
public:
    // Inactive: every call does nothing.
    ServiceNotifier() = default;
    // Sends to the unix datagram socket at `socket_path` ('@' first: the abstract namespace).
    ServiceNotifier(const std::string& socket_path,
                    std::optional<std::chrono::microseconds> watchdog_timeout);
    // From what systemd sets: NOTIFY_SOCKET, and WATCHDOG_USEC when WATCHDOG_PID is unset or this
    // process. The variables are removed so that child processes (power commands) do not see them.
    static ServiceNotifier from_environment();
    ~ServiceNotifier();
    ServiceNotifier(ServiceNotifier&& other) noexcept;
    ServiceNotifier& operator=(ServiceNotifier&& other) noexcept;
    ServiceNotifier(const ServiceNotifier&) = delete;
    ServiceNotifier& operator=(const ServiceNotifier&) = delete;

    bool active() const { return m_fd >= 0; }
    std::optional<std::chrono::microseconds> watchdog_timeout() const { return m_watchdog; }
    // One notification, e.g. "READY=1", "WATCHDOG=1", "STATUS=showing bundle 12", "STOPPING=1".
    bool send(std::string_view state) const;

private:
    int m_fd{-1};
    std::string m_path;
    std::optional<std::chrono::microseconds> m_watchdog;
};

// When the main loop must present a frame and when it may ping the watchdog. A ping means "a frame
// was presented within half the timeout"; a still screen is redrawn every quarter of the timeout so
// that it is not taken for a frozen one. Pure: times are passed in.
class FrameWatchdog {
public:
    using Time = std::chrono::steady_clock::time_point;
    explicit FrameWatchdog(std::chrono::steady_clock::duration timeout);

    // The loop must have presented a frame by then; it wakes up and redraws if nothing else did.
    Time frame_due() const;
    void presented(Time now) { m_last_frame = now; }
    // True when a ping is to be sent now (at most one a quarter of the timeout).
    bool ping(Time now);
    std::chrono::steady_clock::duration timeout() const { return m_timeout; }

private:
    std::chrono::steady_clock::duration m_timeout;
    std::optional<Time> m_last_frame;
    std::optional<Time> m_last_ping;
};

// A test hook, off by default: with KIOSK_FAULT_FREEZE_FILE=PATH in the environment, the main loop
// stops for good (as a deadlock would stop it) once PATH exists. Tests use it to prove that a
// frozen loop stops the watchdog pings.
class FaultSwitch {
public:
    static FaultSwitch from_environment();
    bool armed() const { return !m_file.empty(); }
    bool tripped() const;
    // Never returns: the loop is frozen until the process is killed.
    [[noreturn]] void freeze() const;

private:
    std::filesystem::path m_file;
};

} // namespace kiosk::platform

// The screen's power commands for the night schedule (`cec-ctl`, `vcgencmd display_power`,
// `xset dpms`): run on their own thread, so a slow or hung command never holds the screen, with
// their result in the log.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::platform {

struct CommandResult {
    bool started{false};
    int exit_code{-1};     // -1 when killed by a signal or not started.
    bool timed_out{false}; // Killed after the timeout.
    std::string output;    // stdout and stderr together, at most 4 KiB.
};

// Runs `/bin/sh -c command`, waits at most `timeout`, then kills it.
CommandResult run_command(const std::string& command, std::chrono::milliseconds timeout);

class PowerSwitch {
public:
    PowerSwitch(std::string on_command, std::string off_command,
                std::chrono::milliseconds timeout = std::chrono::seconds{30});
    ~PowerSwitch();
    PowerSwitch(const PowerSwitch&) = delete;
    PowerSwitch& operator=(const PowerSwitch&) = delete;

    // Main thread. The command of the latest request runs; an earlier one not yet started is
    // dropped (off then on while the first still runs: only "on" follows).
    void request(bool on);

private:
    void work();

    std::string m_on;
    std::string m_off;
    std::chrono::milliseconds m_timeout;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::optional<bool> m_wanted; // Guarded by m_mutex.
    bool m_stop{false};           // Guarded by m_mutex.
    std::thread m_thread;
};

} // namespace kiosk::platform

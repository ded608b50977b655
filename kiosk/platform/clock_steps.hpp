// A simulated clock driven by a test through standard input (--step-clock): each line is a time
// up to which the clock may run; the kiosk says on standard output when it gets there. A script
// that publishes versions or reads memory "every simulated hour" then waits for the kiosk instead
// of racing it against the wall clock.
#pragma once

#include "kiosk/core/clock.hpp"
#include "kiosk/core/error.hpp"

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::platform {

class ClockSteps {
public:
    // Reads lines from file descriptor `fd` on a thread of its own; `wake` wakes the loop when the
    // limit moves. The clock's limit at the start (its start time: it stands still until the first
    // line comes) is not announced.
    ClockSteps(SteppedClock& clock, int fd, std::function<void()> wake);
    ~ClockSteps();
    ClockSteps(const ClockSteps&) = delete;
    ClockSteps& operator=(const ClockSteps&) = delete;

    // Main loop, every iteration: simulated time stands still while the player waits for a
    // decoder, and reaching the limit is announced once, as "clock at TIME".
    void tend(TimePoint now, bool waiting_for_decoder);

private:
    void read_lines(int fd);

    SteppedClock& m_clock;
    std::function<void()> m_wake;
    int m_stop_pipe[2]{-1, -1};
    std::optional<TimePoint> m_announced; // Main thread only.
    std::thread m_thread;
};

// Parses one line of --step-clock input: an ISO time, or an error naming the line.
Result<TimePoint> parse_clock_step(const std::string& line);

} // namespace kiosk::platform

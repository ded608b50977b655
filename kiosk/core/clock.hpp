// The injectable clock: logic reads time only through a Clock, so tests and rehearsals can run any
// day.
#pragma once

#include "kiosk/core/time.hpp"

#include <chrono>

namespace kiosk {

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
    // How long to really wait for `simulated` to pass (a clock running N times faster waits 1/N).
    virtual std::chrono::nanoseconds real_wait(Duration simulated) const = 0;
};

// Wall-clock time, or simulated time starting at `start` and running `speed` times faster.
class SystemClock final : public Clock {
public:
    SystemClock();
    SystemClock(TimePoint start, double speed);
    TimePoint now() const override;
    std::chrono::nanoseconds real_wait(Duration simulated) const override;

private:
    bool m_simulated{false};
    TimePoint m_start{};
    double m_speed{1.0};
    std::chrono::steady_clock::time_point m_real_start{};
};

// Time that moves only when told: for tests and for headless screenshots.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start) : m_now(start) {}
    TimePoint now() const override { return m_now; }
    std::chrono::nanoseconds real_wait(Duration) const override { return {}; }
    void set(TimePoint t) { m_now = t; }
    void advance(Duration d) { m_now += d; }

private:
    TimePoint m_now;
};

} // namespace kiosk

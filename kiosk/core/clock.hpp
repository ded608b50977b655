// The injectable clock: logic reads time only through a Clock, so tests and rehearsals can run any
// day.
#pragma once

#include "kiosk/core/time.hpp"

#include <chrono>
#include <mutex>
#include <optional>

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

// Simulated time from `start`, `speed` times faster, that a test drives: it runs only up to a
// limit the test moves on, and stands still while paused (the kiosk pauses it while it waits for a
// decoder, as a screenshot's simulated time does). After either it goes on from where it stopped,
// so a slower machine makes a run take longer, never play differently. Thread-safe.
class SteppedClock final : public Clock {
public:
    // Held at `limit` from the start, when given.
    SteppedClock(TimePoint start, double speed, std::optional<TimePoint> limit = std::nullopt);
    TimePoint now() const override;
    // The real wait for `simulated`, or until the limit when that comes first; standing still, a
    // second (whoever moves the limit or unpauses wakes the waiter).
    std::chrono::nanoseconds real_wait(Duration simulated) const override;
    // Time runs up to `limit` (none: without end) and stops there.
    void set_limit(std::optional<TimePoint> limit);
    std::optional<TimePoint> limit() const;
    void pause(bool paused);

private:
    TimePoint now_locked(std::chrono::steady_clock::time_point real) const;

    mutable std::mutex m_mutex;
    // Simulated time was m_base at m_real_base; both move when time stops or starts again.
    mutable TimePoint m_base;                                  // Guarded by m_mutex.
    mutable std::chrono::steady_clock::time_point m_real_base; // Guarded by m_mutex.
    std::optional<TimePoint> m_limit;                          // Guarded by m_mutex.
    bool m_paused{false};                                      // Guarded by m_mutex.
    double m_speed;
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

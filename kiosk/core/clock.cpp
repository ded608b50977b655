// System and simulated clocks.
#include "kiosk/core/clock.hpp"

#include <algorithm>

namespace kiosk {

SystemClock::SystemClock() = default;

SystemClock::SystemClock(TimePoint start, double speed)
    : m_simulated(true), m_start(start), m_speed(speed > 0 ? speed : 1.0),
      m_real_start(std::chrono::steady_clock::now()) {}

TimePoint SystemClock::now() const {
    using namespace std::chrono;
    if (!m_simulated)
        return time_point_cast<Duration>(system_clock::now());
    auto elapsed = duration<double, std::milli>(steady_clock::now() - m_real_start) * m_speed;
    return m_start + duration_cast<Duration>(elapsed);
}

std::chrono::nanoseconds SystemClock::real_wait(Duration simulated) const {
    using namespace std::chrono;
    if (simulated.count() <= 0)
        return nanoseconds{0};
    return duration_cast<nanoseconds>(duration<double, std::milli>(simulated) / m_speed);
}

} // namespace kiosk

namespace kiosk {

SteppedClock::SteppedClock(TimePoint start, double speed, std::optional<TimePoint> limit)
    : m_base(start), m_real_base(std::chrono::steady_clock::now()), m_limit(limit),
      m_speed(speed > 0 ? speed : 1.0) {}

TimePoint SteppedClock::now_locked(std::chrono::steady_clock::time_point real) const {
    using namespace std::chrono;
    TimePoint t = m_base;
    if (!m_paused)
        t += duration_cast<Duration>(duration<double, std::milli>(real - m_real_base) * m_speed);
    if (m_limit && t >= *m_limit) {
        // Standing at the limit: when it moves on, time goes on from here, not from where it
        // would have been.
        t = std::max(*m_limit, m_base);
        m_base = t;
        m_real_base = real;
    }
    return t;
}

TimePoint SteppedClock::now() const {
    std::lock_guard lock(m_mutex);
    return now_locked(std::chrono::steady_clock::now());
}

std::chrono::nanoseconds SteppedClock::real_wait(Duration simulated) const {
    using namespace std::chrono;
    std::lock_guard lock(m_mutex);
    TimePoint t = now_locked(steady_clock::now());
    if (m_paused || (m_limit && t >= *m_limit))
        return seconds{1};
    if (m_limit)
        simulated = std::min(simulated, *m_limit - t);
    if (simulated.count() <= 0)
        return nanoseconds{0};
    return duration_cast<nanoseconds>(duration<double, std::milli>(simulated) / m_speed);
}

void SteppedClock::set_limit(std::optional<TimePoint> limit) {
    std::lock_guard lock(m_mutex);
    auto real = std::chrono::steady_clock::now();
    m_base = now_locked(real);
    m_real_base = real;
    m_limit = limit;
}

std::optional<TimePoint> SteppedClock::limit() const {
    std::lock_guard lock(m_mutex);
    return m_limit;
}

void SteppedClock::pause(bool paused) {
    std::lock_guard lock(m_mutex);
    if (paused == m_paused)
        return;
    auto real = std::chrono::steady_clock::now();
    m_base = now_locked(real);
    m_real_base = real;
    m_paused = paused;
}

} // namespace kiosk

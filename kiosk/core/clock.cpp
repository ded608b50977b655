// System and simulated clocks.
#include "kiosk/core/clock.hpp"

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

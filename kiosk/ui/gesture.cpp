// Gesture recognition.
#include "kiosk/ui/gesture.hpp"

#include <cmath>
#include <cstdlib>

namespace kiosk::ui {

double ScreenPhysical::px_per_mm(Size pixels) const {
    double diag_px = std::hypot(static_cast<double>(pixels.w), static_cast<double>(pixels.h));
    double diag_mm = diagonal_inches * 25.4;
    return diag_mm > 0 ? diag_px / diag_mm : 1.0;
}

std::vector<Gesture> GestureRecognizer::feed(const PointerEvent& e) {
    std::vector<Gesture> out;
    using K = PointerEvent::Kind;
    if (e.kind == K::Down) {
        if (m_down)
            return out; // A second finger: ignored.
        m_down = Down{e.finger, e.at, e.t};
        out.push_back({Gesture::Kind::Press, e.at});
        return out;
    }
    if (!m_down || e.finger != m_down->finger)
        return out;
    // Holds due before this event come first.
    out = tick(e.t);
    int dx = e.at.x - m_down->at.x;
    int dy = e.at.y - m_down->at.y;
    double dist = std::hypot(static_cast<double>(dx), static_cast<double>(dy));
    if (dist > slop_px() && !m_down->moved) {
        m_down->moved = true;
        out.push_back({Gesture::Kind::Drag, m_down->at});
    }
    if (e.kind == K::Move)
        return out;
    Down d = *m_down;
    m_down.reset();
    if (e.kind == K::Cancel) {
        out.push_back({Gesture::Kind::Release, d.at});
        return out;
    }
    double min_swipe = m_s.swipe_min_mm * m_s.px_per_mm;
    if (d.moved) {
        if (std::max(std::abs(dx), std::abs(dy)) >= min_swipe)
            out.push_back({Gesture::Kind::Swipe, d.at, dx, dy});
        else
            out.push_back({Gesture::Kind::Release, d.at, dx, dy});
        return out;
    }
    if (d.holds == 0 && e.t - d.t <= m_s.tap_max)
        out.push_back({Gesture::Kind::Tap, d.at});
    else
        out.push_back({Gesture::Kind::Release, d.at});
    return out;
}

std::vector<Gesture> GestureRecognizer::tick(TimePoint now) {
    std::vector<Gesture> out;
    if (!m_down || m_down->moved)
        return out;
    while (m_down->holds < m_s.holds.size() && now - m_down->t >= m_s.holds[m_down->holds]) {
        out.push_back({Gesture::Kind::Hold, m_down->at, 0, 0, m_s.holds[m_down->holds]});
        ++m_down->holds;
    }
    return out;
}

std::optional<TimePoint> GestureRecognizer::deadline() const {
    if (!m_down || m_down->moved || m_down->holds >= m_s.holds.size())
        return std::nullopt;
    return m_down->t + m_s.holds[m_down->holds];
}

} // namespace kiosk::ui

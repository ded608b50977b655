// Playlist stepping.
#include "kiosk/content/player.hpp"

#include <algorithm>

namespace kiosk::content {

Player::Player(std::vector<PlayItem> items, Duration transition_length)
    : m_items(std::move(items)), m_broken(m_items.size(), false),
      m_transition_length(transition_length) {}

std::optional<std::size_t> Player::find_next(std::size_t after, bool include_self,
                                             const ReadyFn& ready, bool& pending) {
    pending = false;
    const std::size_t n = m_items.size();
    for (std::size_t step = include_self ? 0 : 1; step <= n; ++step) {
        std::size_t i = (after + step) % n;
        if (m_broken[i])
            continue;
        switch (ready(m_items[i].slide)) {
        case Readiness::Ready:
            return i;
        case Readiness::Pending:
            pending = true;
            return i;
        case Readiness::Broken:
            // The same slide may appear more than once in a playlist: mark every copy.
            for (std::size_t k = 0; k < n; ++k)
                if (m_items[k].slide == m_items[i].slide)
                    m_broken[k] = true;
            break;
        }
    }
    return std::nullopt;
}

void Player::update(TimePoint now, const ReadyFn& ready) {
    if (m_items.empty())
        return;
    if (!m_current) {
        bool pending = false;
        auto first = find_next(m_first, true, ready, pending);
        if (!first || pending)
            return; // Nothing yet: the caller shows the fallback screen.
        m_current = first;
        m_previous.reset();
        m_start = now;
        return;
    }
    if (m_previous && !in_transition(now))
        m_previous.reset();
    // A bounded loop: at most one step per slide boundary passed since the last update.
    while (now >= m_start + m_items[*m_current].duration) {
        TimePoint boundary = m_start + m_items[*m_current].duration;
        bool pending = false;
        auto next = find_next(*m_current, false, ready, pending);
        if (m_broken[*m_current] && !next) {
            m_current.reset();
            m_previous.reset();
            return;
        }
        if (!next) {
            next = m_current; // Only the current slide is left: it stays, without a transition.
        }
        if (pending) {
            m_waiting = true;
            return;
        }
        bool late = m_waiting;
        m_waiting = false;
        m_previous = (*next == *m_current) ? std::nullopt : m_current;
        m_current = next;
        m_start = late ? now : boundary;
        if (m_previous && !in_transition(now))
            m_previous.reset();
    }
}

std::optional<std::size_t> Player::current_slide() const {
    if (!m_current)
        return std::nullopt;
    return m_items[*m_current].slide;
}

std::optional<std::size_t> Player::previous_slide() const {
    if (!m_previous)
        return std::nullopt;
    return m_items[*m_previous].slide;
}

std::optional<std::size_t> Player::upcoming_slide() const {
    const std::size_t n = m_items.size();
    std::size_t from = m_current.value_or(n - 1);
    for (std::size_t step = 1; step <= n; ++step) {
        std::size_t i = (from + step) % n;
        if (!m_broken[i])
            return m_items[i].slide;
    }
    return std::nullopt;
}

Transition Player::transition() const {
    if (!m_current)
        return Transition::Cut;
    return m_items[*m_current].transition;
}

double Player::transition_progress(TimePoint now) const {
    if (!m_current || !m_previous || transition() == Transition::Cut ||
        m_transition_length.count() <= 0)
        return 1.0;
    double p = static_cast<double>((now - m_start).count()) /
               static_cast<double>(m_transition_length.count());
    return std::clamp(p, 0.0, 1.0);
}

TimePoint Player::next_deadline(TimePoint now) const {
    if (!m_current || m_waiting)
        return TimePoint::max();
    if (in_transition(now))
        return m_start + m_transition_length;
    return m_start + m_items[*m_current].duration;
}

bool Player::exhausted() const {
    return m_items.empty() ||
           std::all_of(m_broken.begin(), m_broken.end(), [](bool b) { return b; });
}

} // namespace kiosk::content

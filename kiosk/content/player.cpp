// Schedule stepping.
#include "kiosk/content/player.hpp"

#include <algorithm>

namespace kiosk::content {

Player::Player(Schedule schedule, Duration transition_length)
    : m_s(std::move(schedule)), m_transition_length(transition_length) {}

Player::Player(std::vector<PlayItem> playlist, Duration transition_length)
    : Player(Schedule{std::move(playlist), {}, {}, 4, {}}, transition_length) {}

const PlayItem* Player::current_item() const {
    switch (m_kind) {
    case Kind::None:
        return nullptr;
    case Kind::Playlist:
        return &m_s.playlist[m_index];
    case Kind::Notice:
        return &m_s.notices[m_index];
    case Kind::Emergency:
        return &m_s.emergencies[m_index];
    }
    return nullptr;
}

bool Player::broken(std::size_t slide) const {
    return std::find(m_broken.begin(), m_broken.end(), slide) != m_broken.end();
}

void Player::mark_broken(std::size_t slide) {
    if (!broken(slide))
        m_broken.push_back(slide);
}

void Player::update(TimePoint now, const ReadyFn& ready) {
    if (!m_started) {
        m_started = true;
        m_time = now;
        if (!m_s.playlist.empty())
            m_playlist_pos = (m_first + m_s.playlist.size() - 1) % m_s.playlist.size();
        m_since_notice = 0;
        step(now, ready);
    } else if (m_waiting) {
        m_waiting = false;
        m_time = std::max(m_time, now);
        step(m_time, ready);
    }
    // Each step lands on the next change, so a late call replays every change at its own time.
    for (int guard = 0; guard < 10'000'000 && !m_waiting; ++guard) {
        TimePoint e = next_event();
        if (e > now)
            break;
        m_time = std::max(m_time, e);
        step(m_time, ready);
    }
    if (m_previous && !in_transition(now))
        m_previous.reset();
}

TimePoint Player::next_event() const {
    if (m_waiting)
        return TimePoint::max();
    const auto off = m_s.utc_offset;
    TimePoint best = TimePoint::max();
    if (const PlayItem* cur = current_item()) {
        best = std::max(m_start + cur->duration, m_time);
        best = std::min(best, next_boundary(cur->window, m_time, off));
    }
    for (const auto& e : m_s.emergencies)
        if (!broken(e.slide))
            best = std::min(best, next_boundary(e.window, m_time, off));
    if (m_kind == Kind::None) {
        for (const auto* list : {&m_s.playlist, &m_s.notices})
            for (const auto& p : *list)
                if (!broken(p.slide))
                    best = std::min(best, next_boundary(p.window, m_time, off));
    }
    return best;
}

void Player::step(TimePoint t, const ReadyFn& ready) {
    const auto off = m_s.utc_offset;
    bool pending = false;
    const PlayItem* cur = current_item();
    bool any_emergency =
        std::any_of(m_s.emergencies.begin(), m_s.emergencies.end(), [&](const PlayItem& e) {
            return !broken(e.slide) && contains(e.window, t, off);
        });
    if (any_emergency) {
        if (m_kind == Kind::Emergency && !broken(cur->slide) && contains(cur->window, t, off) &&
            t < m_start + cur->duration)
            return;
        if (pick_emergency(t, ready, pending))
            return;
        if (pending) {
            m_waiting = true;
            return;
        }
    }
    cur = current_item();
    if ((m_kind == Kind::Playlist || m_kind == Kind::Notice) && !broken(cur->slide) &&
        contains(cur->window, t, off) && t < m_start + cur->duration)
        return;
    if (pick_normal(t, ready, pending))
        return;
    if (pending) {
        m_waiting = true;
        // The next slide is still decoding. The current one may stay meanwhile, but not past
        // the end of its own window.
        if (cur != nullptr && !contains(cur->window, t, off)) {
            if (m_on_played)
                m_on_played(Played{cur->slide, m_log_start, t});
            m_kind = Kind::None;
            m_previous.reset();
        }
        return;
    }
    // Nothing may be shown now: the fallback screen until a window opens.
    if (auto old = current_slide(); old && m_on_played)
        m_on_played(Played{*old, m_log_start, t});
    m_kind = Kind::None;
    m_previous.reset();
}

bool Player::try_show(Kind kind, std::size_t index, TimePoint t, const ReadyFn& ready,
                      bool& pending) {
    const auto& list = kind == Kind::Notice      ? m_s.notices
                       : kind == Kind::Emergency ? m_s.emergencies
                                                 : m_s.playlist;
    const PlayItem& item = list[index];
    if (broken(item.slide) || !contains(item.window, t, m_s.utc_offset))
        return false;
    switch (ready(item.slide)) {
    case Readiness::Ready:
        show(kind, index, t);
        return true;
    case Readiness::Pending:
        pending = true;
        return false;
    case Readiness::Broken:
        mark_broken(item.slide);
        return false;
    }
    return false;
}

bool Player::pick_emergency(TimePoint t, const ReadyFn& ready, bool& pending) {
    const std::size_t n = m_s.emergencies.size();
    std::size_t from = m_kind == Kind::Emergency ? m_index + 1 : 0;
    for (std::size_t k = 0; k < n && !pending; ++k)
        if (try_show(Kind::Emergency, (from + k) % n, t, ready, pending))
            return true;
    return false;
}

bool Player::pick_normal(TimePoint t, const ReadyFn& ready, bool& pending) {
    const std::size_t notices = m_s.notices.size();
    auto try_notices = [&] {
        for (std::size_t k = 0; k < notices && !pending; ++k) {
            std::size_t i = (m_notice_next + k) % notices;
            if (try_show(Kind::Notice, i, t, ready, pending)) {
                m_notice_next = i + 1;
                m_since_notice = 0;
                return true;
            }
        }
        return false;
    };
    if (notices > 0 && m_kind != Kind::Notice && m_since_notice >= m_s.notice_every &&
        try_notices())
        return true;
    if (pending)
        return false;
    const std::size_t n = m_s.playlist.size();
    for (std::size_t k = 1; k <= n && !pending; ++k) {
        std::size_t i = (m_playlist_pos + k) % n;
        if (try_show(Kind::Playlist, i, t, ready, pending)) {
            m_playlist_pos = i;
            ++m_since_notice;
            return true;
        }
    }
    // No playlist slide may be shown now: a notice is better than an empty screen.
    return !pending && notices > 0 && try_notices();
}

void Player::show(Kind kind, std::size_t index, TimePoint t) {
    const auto& list = kind == Kind::Notice      ? m_s.notices
                       : kind == Kind::Emergency ? m_s.emergencies
                                                 : m_s.playlist;
    const PlayItem& item = list[index];
    auto old = current_slide();
    if (old && *old == item.slide) {
        m_previous.reset(); // The same slide again: it simply stays.
    } else {
        if (old && m_on_played)
            m_on_played(Played{*old, m_log_start, t});
        m_log_start = t;
        m_previous = old;
        m_transition = kind == Kind::Emergency ? Transition::Cut : item.transition;
    }
    m_kind = kind;
    m_index = index;
    m_start = t;
}

void Player::finish(TimePoint now) {
    // A slide that went on at the very moment the program stops was never seen.
    if (auto cur = current_slide(); cur && m_on_played && now > m_log_start)
        m_on_played(Played{*cur, m_log_start, now});
}

std::optional<std::size_t> Player::current_slide() const {
    if (const PlayItem* cur = current_item())
        return cur->slide;
    return std::nullopt;
}

std::optional<std::size_t> Player::previous_slide() const {
    return m_previous;
}

std::optional<std::size_t> Player::upcoming_slide() const {
    const std::size_t n = m_s.playlist.size();
    if (n == 0)
        return std::nullopt;
    const PlayItem* cur = current_item();
    TimePoint at = cur ? m_start + cur->duration : m_time;
    std::size_t from = m_started ? m_playlist_pos : (m_first + n - 1) % n;
    for (std::size_t k = 1; k <= n; ++k) {
        const auto& item = m_s.playlist[(from + k) % n];
        if (!broken(item.slide) && contains(item.window, at, m_s.utc_offset))
            return item.slide;
    }
    return std::nullopt;
}

double Player::transition_progress(TimePoint now) const {
    if (!current_item() || !m_previous || m_transition == Transition::Cut ||
        m_transition_length.count() <= 0)
        return 1.0;
    double p = static_cast<double>((now - m_start).count()) /
               static_cast<double>(m_transition_length.count());
    return std::clamp(p, 0.0, 1.0);
}

TimePoint Player::next_deadline(TimePoint now) const {
    if (in_transition(now))
        return m_start + m_transition_length;
    return next_event();
}

bool Player::exhausted() const {
    for (const auto* list : {&m_s.playlist, &m_s.notices, &m_s.emergencies})
        for (const auto& p : *list)
            if (!broken(p.slide))
                return false;
    return true;
}

} // namespace kiosk::content

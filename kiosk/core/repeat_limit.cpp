// Repeated log lines: a burst per window, then a count of what was held back.
#include "kiosk/core/repeat_limit.hpp"

#include <algorithm>

namespace kiosk::log {

RepeatLimiter::RepeatLimiter(std::size_t burst, std::chrono::steady_clock::duration window,
                             std::size_t max_kinds)
    : m_burst(std::max<std::size_t>(burst, 1)), m_window(window),
      m_max_kinds(std::max<std::size_t>(max_kinds, 1)) {}

std::string RepeatLimiter::kind_of(std::string_view tag, std::string_view message) {
    std::string out;
    out.reserve(tag.size() + message.size() + 1);
    out += tag;
    out += '\x1f';
    bool in_digits = false;
    for (char c : message) {
        bool digit = c >= '0' && c <= '9';
        if (digit && in_digits)
            continue;
        out += digit ? '#' : c;
        in_digits = digit;
    }
    return out;
}

void RepeatLimiter::forget_oldest() {
    auto oldest = std::min_element(m_entries.begin(), m_entries.end(), [](auto& a, auto& b) {
        return a.second.window_start < b.second.window_start;
    });
    if (oldest != m_entries.end())
        m_entries.erase(oldest);
}

RepeatLimiter::Verdict RepeatLimiter::admit(std::string_view kind, Time now) {
    auto it = m_entries.find(std::string(kind));
    if (it == m_entries.end()) {
        if (m_entries.size() >= m_max_kinds)
            forget_oldest();
        m_entries.emplace(std::string(kind), Entry{now, 1, 0});
        return {true, 0};
    }
    Entry& e = it->second;
    if (now - e.window_start >= m_window) {
        Verdict v{true, e.held_back};
        e = Entry{now, 1, 0};
        return v;
    }
    if (e.written < m_burst) {
        ++e.written;
        return {true, 0};
    }
    ++e.held_back;
    return {false, 0};
}

} // namespace kiosk::log

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
    // Numbers (a byte count, a status, seconds, a time) do not make a line new, but a file name
    // or path does: two broken files are two refusals, and both are said. A word keeps its
    // digits when it has a '/' or ends in an extension like .png.
    auto keeps_digits = [](std::string_view word) {
        if (word.find('/') != std::string_view::npos)
            return true;
        auto dot = word.rfind('.');
        if (dot == std::string_view::npos)
            return false;
        std::size_t letters = 0;
        for (std::size_t k = dot + 1; k < word.size(); ++k) {
            char c = word[k];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                ++letters;
            else
                break;
        }
        return letters >= 2 && letters <= 5;
    };
    std::size_t i = 0;
    while (i < message.size()) {
        std::size_t end = message.find_first_of(" \t\"'", i);
        if (end == i) {
            out += message[i++];
            continue;
        }
        if (end == std::string_view::npos)
            end = message.size();
        std::string_view word = message.substr(i, end - i);
        bool keep = keeps_digits(word);
        bool in_digits = false;
        for (char c : word) {
            bool digit = c >= '0' && c <= '9' && !keep;
            if (digit && in_digits)
                continue;
            out += digit ? '#' : c;
            in_digits = digit;
        }
        i = end;
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

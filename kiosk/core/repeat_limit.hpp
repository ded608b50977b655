// Holds back repeats of the same log line, so a server that stays down for a week cannot fill the
// journal or the disk. Pure: the caller passes the time in.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kiosk::log {

class RepeatLimiter {
public:
    using Time = std::chrono::steady_clock::time_point;

    struct Verdict {
        bool write{true};
        // Lines of this kind held back in the window before this one (said once it is written).
        std::size_t held_back{0};
    };

    // Each kind of line is written at most `burst` times a `window`; at most `max_kinds` kinds are
    // remembered (the one seen longest ago is forgotten first).
    RepeatLimiter(std::size_t burst, std::chrono::steady_clock::duration window,
                  std::size_t max_kinds = 256);

    Verdict admit(std::string_view kind, Time now);

    // The kind of a line: its tag and text with every run of digits made one '#', so that
    // "retry 3 of 10" and "retry 4 of 10" count as the same line.
    static std::string kind_of(std::string_view tag, std::string_view message);

private:
    struct Entry {
        Time window_start;
        std::size_t written{0};
        std::size_t held_back{0};
    };
    void forget_oldest();

    std::size_t m_burst;
    std::chrono::steady_clock::duration m_window;
    std::size_t m_max_kinds;
    std::unordered_map<std::string, Entry> m_entries;
};

} // namespace kiosk::log

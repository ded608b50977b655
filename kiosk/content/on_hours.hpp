// The screen's on-hours per weekday (the night schedule): when the display shows content and when
// it shows black with the screen powered down. Pure: time and the UTC offset are passed in.
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/core/time.hpp"

#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk::content {

class OnHours {
public:
    // Minutes from the start of a local day; an end past 24:00 runs into the next day.
    struct Span {
        int start{};
        int end{};
    };

    // Always on (no night schedule).
    OnHours() = default;

    // Entries like {"mon-fri", "07:30-21:00"}, {"sat,sun", "09:00-12:00, 13:00-18:00"},
    // {"daily", "08:00-22:00"}, {"sun", "off"}, {"fri", "18:00-02:00"} (past midnight). Days
    // not named are off. A day named twice, or a bad day or time, is refused with what is wrong.
    static Result<OnHours> parse(const std::vector<std::pair<std::string, std::string>>& entries);

    bool always_on() const { return m_always; }
    bool is_on(TimePoint t, std::chrono::minutes utc_offset) const;
    // The first moment after `t` at which the screen turns on or off; max() if it never does.
    TimePoint next_switch(TimePoint t, std::chrono::minutes utc_offset) const;
    // `Mon 07:30-21:00; Tue …; Sun off`, for the log at start.
    std::string describe() const;

private:
    bool m_always{true};
    std::array<std::vector<Span>, 7> m_days; // [0] = Monday.
};

} // namespace kiosk::content

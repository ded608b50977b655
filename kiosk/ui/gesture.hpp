// Touch and mouse input as gestures: press, release, tap, swipe and hold. Pure logic: positions in
// screen pixels, thresholds in millimetres on the configured screen, time from the caller.
#pragma once

#include "kiosk/core/geometry.hpp"
#include "kiosk/core/pointer.hpp"
#include "kiosk/core/time.hpp"

#include <optional>
#include <vector>

namespace kiosk::ui {

using kiosk::Point;
using kiosk::PointerEvent;

struct Gesture {
    enum class Kind {
        Press, // A finger went down (feedback: show the target pressed).
        Drag,  // It moved beyond the tap slop: no tap any more, drop the pressed look.
        Hold,  // Held in place for one of the hold thresholds (once per threshold).
        // Every touch ends with exactly one of these three:
        Tap,     // Down and up in place, quickly.
        Swipe,   // Down, a long enough move, up.
        Release, // Anything else: a hold let go, a short drag, a cancelled touch.
    };
    Kind kind{Kind::Press};
    Point at;        // Where the finger went down.
    int dx{};        // Swipe: movement from down to up, pixels.
    int dy{};        //
    Duration held{}; // Hold: the threshold reached.
};

// Screen size as configured, so that sizes and thresholds are physical.
struct ScreenPhysical {
    double diagonal_inches{55.0};

    // Pixels per millimetre of a screen of `pixels` with this diagonal.
    double px_per_mm(Size pixels) const;
};

struct GestureSettings {
    double px_per_mm{1.6};
    double tap_slop_mm{6.0};   // A finger that moves less than this is still tapping.
    double swipe_min_mm{25.0}; // Least movement that counts as a swipe.
    Duration tap_max{std::chrono::milliseconds{700}};
    std::vector<Duration> holds{std::chrono::milliseconds{800}}; // Ascending.
};

class GestureRecognizer {
public:
    explicit GestureRecognizer(GestureSettings s) : m_s(std::move(s)) {}
    const GestureSettings& settings() const { return m_s; }

    std::vector<Gesture> feed(const PointerEvent& e);
    // Holds that have come due by `now` (call when the deadline passes).
    std::vector<Gesture> tick(TimePoint now);
    // When tick() next has something to say; nullopt while no finger is down.
    std::optional<TimePoint> deadline() const;
    bool down() const { return m_down.has_value(); }

private:
    struct Down {
        long long finger;
        Point at;
        TimePoint t;
        bool moved{false};    // Beyond the tap slop: no tap, no hold.
        std::size_t holds{0}; // Hold thresholds already reported.
    };
    double slop_px() const { return m_s.tap_slop_mm * m_s.px_per_mm; }

    GestureSettings m_s;
    std::optional<Down> m_down;
};

} // namespace kiosk::ui

// A finger or a mouse on the screen, in screen pixels: what the platform's input reading hands to
// the touch logic, whatever the device.
#pragma once

#include "kiosk/core/geometry.hpp"
#include "kiosk/core/time.hpp"

namespace kiosk {

struct PointerEvent {
    enum class Kind { Down, Move, Up, Cancel };
    Kind kind{Kind::Down};
    Point at;
    TimePoint t;
    long long finger{0}; // Only the first finger down is followed; others are ignored.
};

} // namespace kiosk

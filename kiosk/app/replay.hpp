// Replay files: timed input played through the real event path, in simulated time, with
// screenshots and checks along the way (docs/touch.md). The parser is pure; replay_driver.hpp
// plays the steps.
#pragma once

#include "kiosk/core/error.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::app {

// A position: pixels, or the centre of a named touch target on screen at that moment.
struct ReplayPoint {
    int x{};
    int y{};
    std::string target; // Non-empty: "@name" was written.
};

struct ReplayStep {
    enum class Kind {
        Down,    // A finger (or, with `mouse`, the left button) goes down …
        Move,    // … moves …
        Up,      // … and lifts. Touches also send SDL's mouse copies, as SDL does.
        Key,     // A key combination, e.g. alt+f4.
        Window,  // A window manager event: close, focus-lost, minimized, hidden.
        Shot,    // Writes the screen as a PNG.
        Targets, // Writes the screen's touch targets, "name x y w h" a line.
        ExpectScreen,
        ExpectItem, // The 1-based poster, day, event or notice shown.
        ExpectExit, // The program has ended by now.
    };
    double t{}; // Seconds from the start.
    int line{}; // In the file, for messages.
    Kind kind{Kind::Down};
    ReplayPoint at;
    bool mouse{false};
    std::string arg; // Key combination, window event, file name, screen name or number.
};

// Parses the whole text; a bad line is refused with its number. Times must not go backwards.
Result<std::vector<ReplayStep>> parse_replay(std::string_view text, const std::string& file);

} // namespace kiosk::app

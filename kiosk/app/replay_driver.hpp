// The replay driver: a replay file's steps (replay.hpp) played in simulated time through the
// loop's own steps and event handling, as SDL events pushed on the queue like real input.
#pragma once

#include "kiosk/app/loop.hpp"
#include "kiosk/app/replay.hpp"

namespace kiosk::app {

// Plays `steps` from `start`; 0 when every check passed, 1 when one failed, the loop's exit
// status when the admin screen ended the program.
int run_replay(Loop& loop, TimePoint start, const std::vector<ReplayStep>& steps);

} // namespace kiosk::app

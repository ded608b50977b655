// Runs the kiosk: loads the bundle, opens the display, and plays, live or to a screenshot.
#pragma once

#include "kiosk/app/options.hpp"

#include <chrono>

namespace kiosk::app {

// Exit codes: 0 done, 2 bad input (bundle, option, font), 3 no display.
int run(const Options& options, std::chrono::steady_clock::time_point process_start);

} // namespace kiosk::app

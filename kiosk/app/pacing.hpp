// How often a transition draws a frame.
#pragma once

#include "kiosk/content/manifest.hpp"

#include <algorithm>
#include <chrono>

namespace kiosk::app {

// A crossfade at 30 frames a second moves each pixel a thirtieth of the way per frame, and no step
// can be seen; drawing it at 60 would double the work (in software, most of the kiosk's CPU) for
// nothing visible. A transition that moves the picture keeps the screen's rate, where motion
// needs it.
inline constexpr std::chrono::microseconds kFadeFrameInterval{33'333};

// The time from one transition frame to the next, for a screen refreshed every `refresh`.
inline std::chrono::microseconds transition_frame_interval(content::Transition t,
                                                           std::chrono::microseconds refresh) {
    return t == content::Transition::Fade ? std::max(refresh, kFadeFrameInterval) : refresh;
}

} // namespace kiosk::app

// Whether a version has anything to show: checked before a display activates a new version and
// before kiosk-pack publishes one, so that a signed but empty or broken version never replaces
// good content.
#pragma once

#include "kiosk/content/bundle.hpp"

#include <optional>
#include <string>

namespace kiosk::content {

// How far ahead a new version must have something to show.
inline constexpr Duration kShowableAhead = std::chrono::days{7};

// Why `bundle` has nothing to show between `from` and `to`, or nothing when it has: a slide of
// its playlist, a notice or an emergency whose window is open at some moment then, that is not
// an image without a readable picture (a 0x0 or unrecognised image). Display tags are not
// considered: a slide for any display counts.
std::optional<std::string> nothing_to_show(const Bundle& bundle, TimePoint from, TimePoint to);

} // namespace kiosk::content

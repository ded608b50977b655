// What a display with some tags plays of a bundle, and the player that plays it.
#pragma once

#include "kiosk/content/bundle.hpp"
#include "kiosk/content/player.hpp"

#include <string>
#include <vector>

namespace kiosk::content {

// The schedule of a bundle for a display with `display_tags`: the playlist's normal slides in
// order, every notice and every emergency slide, without the slides meant for other displays.
Schedule make_schedule(const Bundle& bundle, const std::vector<std::string>& display_tags = {});
Player make_player(const Bundle& bundle, const std::vector<std::string>& display_tags = {});

} // namespace kiosk::content

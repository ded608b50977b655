// SDL's input events as the pointer events the gesture recogniser reads, touch and mouse alike,
// with SDL's mouse copies of touches dropped; and what kiosk mode lets through.
#pragma once

#include "kiosk/core/geometry.hpp"
#include "kiosk/core/pointer.hpp"

#include <SDL.h>

#include <optional>
#include <string>

namespace kiosk::platform {

class PointerInput {
public:
    // The pointer event `e` is, at `now`, on a screen of `screen` pixels; nullopt for anything
    // else (other events, a mouse moving with no button down, SDL's mouse copy of a touch).
    std::optional<PointerEvent> read(const SDL_Event& e, Size screen, TimePoint now);

private:
    bool m_mouse_down{false};
};

// Kiosk mode: what an event asks for, once keys and the window manager are locked out.
enum class Request { None, Quit, Raise };
// `windowed` is the development mode, where Escape and closing the window end the program.
Request lockdown(const SDL_Event& e, bool windowed);

// `Alt+F4`, `Ctrl+Q`: for the log.
std::string describe_key(const SDL_KeyboardEvent& k);

} // namespace kiosk::platform

// SDL and SDL_image started in order and stopped in reverse, as one object owned by main. (Fonts
// are media::FontSet, through FreeType: they need no display.)
#pragma once

#include "kiosk/core/error.hpp"

#include <cstdint>
#include <memory>

namespace kiosk::platform {

enum class Video { Window, Headless };

class SdlSession {
public:
    static Result<std::unique_ptr<SdlSession>> start(Video video);
    ~SdlSession();
    SdlSession(const SdlSession&) = delete;
    SdlSession& operator=(const SdlSession&) = delete;

    // Wakes the main loop from any thread.
    static void wake();
    std::uint32_t wake_event() const { return m_wake_event; }

private:
    SdlSession() = default;
    std::uint32_t m_wake_event{0};
};

// Whether a window event (SDL_WINDOWEVENT_*) means the picture must be drawn again: the window
// was shown, uncovered or resized. Focus, pointer and move events change nothing on screen.
bool window_event_needs_redraw(std::uint8_t event);

} // namespace kiosk::platform

// SDL library lifetime.
#include "kiosk/platform/sdl_session.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <atomic>

namespace kiosk::platform {
namespace {

// Registered once per process by SDL; read by wake() on worker threads.
std::atomic<std::uint32_t> g_wake_event{0};

} // namespace

Result<std::unique_ptr<SdlSession>> SdlSession::start(Video video) {
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    // Kiosk lockdown: closing the window does not end the program (only SIGINT or SIGTERM do),
    // and a grabbed keyboard keeps Alt+Tab and the Super key from the desktop.
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
    Uint32 flags = SDL_INIT_EVENTS | (video == Video::Window ? SDL_INIT_VIDEO : 0u);
    if (SDL_Init(flags) != 0)
        return fail(std::string("SDL cannot start: ") + SDL_GetError());
    std::unique_ptr<SdlSession> s(new SdlSession());
    int img = IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP;
    if ((IMG_Init(img) & img) != img)
        return fail(std::string("SDL_image lacks a format: ") + IMG_GetError());
    s->m_wake_event = SDL_RegisterEvents(1);
    g_wake_event = s->m_wake_event;
    return s;
}

SdlSession::~SdlSession() {
    IMG_Quit();
    SDL_Quit();
}

bool window_event_needs_redraw(std::uint8_t event) {
    switch (event) {
    case SDL_WINDOWEVENT_SHOWN:
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_RESIZED:
    case SDL_WINDOWEVENT_SIZE_CHANGED:
    case SDL_WINDOWEVENT_MAXIMIZED:
    case SDL_WINDOWEVENT_RESTORED:
    case SDL_WINDOWEVENT_DISPLAY_CHANGED:
        return true;
    default:
        return false;
    }
}

void SdlSession::wake() {
    SDL_Event e{};
    e.type = g_wake_event.load();
    if (e.type != 0 && e.type != static_cast<Uint32>(-1))
        SDL_PushEvent(&e);
}

} // namespace kiosk::platform

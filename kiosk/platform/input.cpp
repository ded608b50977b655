// Input translation and lockdown.
#include "kiosk/platform/input.hpp"

#include <cmath>

namespace kiosk::platform {

std::optional<PointerEvent> PointerInput::read(const SDL_Event& e, Size screen, TimePoint now) {
    using K = PointerEvent::Kind;
    auto finger = [&](K kind) {
        Point at{static_cast<int>(std::lround(e.tfinger.x * static_cast<float>(screen.w))),
                 static_cast<int>(std::lround(e.tfinger.y * static_cast<float>(screen.h)))};
        return PointerEvent{kind, at, now, static_cast<long long>(e.tfinger.fingerId)};
    };
    // The mouse is one more finger, with an id no touch screen uses.
    constexpr long long kMouse = -1;
    switch (e.type) {
    case SDL_FINGERDOWN:
        return finger(K::Down);
    case SDL_FINGERMOTION:
        return finger(K::Move);
    case SDL_FINGERUP:
        return finger(K::Up);
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT)
            return std::nullopt;
        m_mouse_down = true;
        return PointerEvent{K::Down, {e.button.x, e.button.y}, now, kMouse};
    case SDL_MOUSEMOTION:
        if (e.motion.which == SDL_TOUCH_MOUSEID || !m_mouse_down)
            return std::nullopt;
        return PointerEvent{K::Move, {e.motion.x, e.motion.y}, now, kMouse};
    case SDL_MOUSEBUTTONUP:
        if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT ||
            !m_mouse_down)
            return std::nullopt;
        m_mouse_down = false;
        return PointerEvent{K::Up, {e.button.x, e.button.y}, now, kMouse};
    default:
        return std::nullopt;
    }
}

Request lockdown(const SDL_Event& e, bool windowed) {
    switch (e.type) {
    case SDL_QUIT:
        // With quit-on-last-window-close off, SDL_QUIT comes from SIGINT or SIGTERM only: the
        // service manager or a technician's terminal.
        return Request::Quit;
    case SDL_KEYDOWN:
        return windowed && e.key.keysym.sym == SDLK_ESCAPE ? Request::Quit : Request::None;
    case SDL_WINDOWEVENT:
        switch (e.window.event) {
        case SDL_WINDOWEVENT_CLOSE:
            return windowed ? Request::Quit : Request::None;
        case SDL_WINDOWEVENT_FOCUS_LOST:
        case SDL_WINDOWEVENT_MINIMIZED:
        case SDL_WINDOWEVENT_HIDDEN:
            return windowed ? Request::None : Request::Raise;
        default:
            return Request::None;
        }
    default:
        return Request::None;
    }
}

std::string describe_key(const SDL_KeyboardEvent& k) {
    std::string out;
    auto mod = k.keysym.mod;
    if ((mod & KMOD_CTRL) != 0)
        out += "Ctrl+";
    if ((mod & KMOD_ALT) != 0)
        out += "Alt+";
    if ((mod & KMOD_GUI) != 0)
        out += "Super+";
    if ((mod & KMOD_SHIFT) != 0)
        out += "Shift+";
    const char* name = SDL_GetKeyName(k.keysym.sym);
    out += name != nullptr && name[0] != '\0' ? name : "key " + std::to_string(k.keysym.sym);
    return out;
}

} // namespace kiosk::platform

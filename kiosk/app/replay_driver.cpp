// Replays: scripted touches, keys and window events pushed on SDL's queue at their simulated
// times, taken by the loop's own event handling, with screenshots and checks between them.
#include "kiosk/app/replay_driver.hpp"

#include "kiosk/core/log.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk::app {
namespace {

using K = ReplayStep::Kind;

class ReplayDriver {
public:
    ReplayDriver(Loop& loop, TimePoint start)
        : m_loop(loop), m_engine(loop.board().engine()), m_stage(m_engine.stage()),
          m_ready(m_engine.ready_fn(true)), m_now(start) {
        SDL_Window* w = m_engine.display().window();
        m_window_id = w != nullptr ? SDL_GetWindowID(w) : 0;
    }

    int play(TimePoint start, const std::vector<ReplayStep>& steps) {
        m_engine.show_window();
        m_stage.update(m_now, m_ready);
        for (const auto& step : steps) {
            if (!take(start, step))
                break;
            SDL_Event got;
            while (SDL_PollEvent(&got) != 0)
                m_loop.handle_event(got, m_now);
            m_loop.step_stage(m_now);
        }
        m_stage.finish(m_now);
        log::info("replay", std::to_string(steps.size()) + " steps played to " +
                                format_iso(m_now, m_stage.bundle().manifest.utc_offset) + ", " +
                                std::to_string(m_failures) + " failed");
        return m_failures > 0 ? 1 : m_loop.state().exit_status;
    }

private:
    bool quit() const { return m_loop.state().quit; }

    void failed(const ReplayStep& s, const std::string& what) {
        log::error("replay", "line " + std::to_string(s.line) + ": " + what);
        ++m_failures;
    }

    // Simulated time moves from one change to the next: the player's, the browser's, a hold.
    void advance(TimePoint to) {
        for (;;) {
            TimePoint next = m_stage.next_change(m_now);
            if (auto d = m_stage.input_deadline())
                next = std::min(next, *d);
            if (next <= m_now)
                next = m_now + Duration{1};
            if (next > to || quit())
                break;
            m_now = next;
            m_stage.update(m_now, m_ready);
            m_loop.step_stage(m_now);
        }
        m_now = std::max(m_now, to);
        m_stage.update(m_now, m_ready);
        m_loop.step_stage(m_now);
    }

    // One step at its time; false when the replay cannot go on.
    bool take(TimePoint start, const ReplayStep& step) {
        TimePoint t =
            start + std::chrono::duration_cast<Duration>(std::chrono::duration<double>(step.t));
        if (quit()) {
            if (step.kind == K::ExpectExit)
                return true;
            failed(step, "the program had already ended");
            return false;
        }
        advance(t);
        if (quit() && step.kind != K::ExpectExit) {
            failed(step, "the program had already ended");
            return false;
        }
        switch (step.kind) {
        case K::Down:
        case K::Move:
        case K::Up:
            if (auto at = where(step))
                push_pointer(step, *at);
            break;
        case K::Key:
            push_key(step);
            break;
        case K::Window:
            push_window(step);
            break;
        default:
            check(step);
        }
        return true;
    }

    // The step's point, a named touch target's centre where it names one.
    std::optional<ReplayPoint> where(const ReplayStep& step) {
        ReplayPoint at = step.at;
        if (at.target.empty())
            return at;
        const ui::Browser* b = m_stage.browser();
        if (b != nullptr)
            for (const auto& target : b->targets(m_now))
                if (target.name == at.target) {
                    at.x = target.rect.x + target.rect.w / 2;
                    at.y = target.rect.y + target.rect.h / 2;
                    return at;
                }
        failed(step, "no touch target \"" + at.target + "\" on the " +
                         (b ? ui::screen_name(b->screen()) : "slideshow") + " screen");
        return std::nullopt;
    }

    void push_pointer(const ReplayStep& step, const ReplayPoint& at) {
        const Size screen = m_engine.display().size();
        SDL_Event e{};
        if (!step.mouse) {
            e.type = step.kind == K::Down   ? SDL_FINGERDOWN
                     : step.kind == K::Move ? SDL_FINGERMOTION
                                            : SDL_FINGERUP;
            e.tfinger.touchId = 1;
            e.tfinger.fingerId = 1;
            e.tfinger.x = static_cast<float>(at.x) / static_cast<float>(screen.w);
            e.tfinger.y = static_cast<float>(at.y) / static_cast<float>(screen.h);
            e.tfinger.pressure = 1.0f;
            SDL_PushEvent(&e);
            e = SDL_Event{};
        }
        // A touch arrives twice, as SDL also sends it as a mouse event from SDL_TOUCH_MOUSEID.
        if (step.kind == K::Move) {
            e.type = SDL_MOUSEMOTION;
            e.motion.which = step.mouse ? 0 : SDL_TOUCH_MOUSEID;
            e.motion.x = at.x;
            e.motion.y = at.y;
            e.motion.state = SDL_BUTTON_LMASK;
        } else {
            e.type = step.kind == K::Down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
            e.button.which = step.mouse ? 0 : SDL_TOUCH_MOUSEID;
            e.button.button = SDL_BUTTON_LEFT;
            e.button.state = step.kind == K::Down ? SDL_PRESSED : SDL_RELEASED;
            e.button.clicks = 1;
            e.button.x = at.x;
            e.button.y = at.y;
        }
        e.button.windowID = m_window_id;
        SDL_PushEvent(&e);
    }

    void push_key(const ReplayStep& step) {
        SDL_Keymod mod = KMOD_NONE;
        std::string rest = step.arg;
        for (auto [prefix, m] :
             {std::pair{"ctrl+", KMOD_LCTRL}, std::pair{"alt+", KMOD_LALT},
              std::pair{"super+", KMOD_LGUI}, std::pair{"shift+", KMOD_LSHIFT}}) {
            while (rest.size() > std::string_view(prefix).size() &&
                   rest.compare(0, std::string_view(prefix).size(), prefix) == 0) {
                mod = static_cast<SDL_Keymod>(mod | m);
                rest.erase(0, std::string_view(prefix).size());
            }
        }
        SDL_Keycode key = SDL_GetKeyFromName(rest.c_str());
        if (key == SDLK_UNKNOWN) {
            failed(step, "unknown key \"" + rest + "\"");
            return;
        }
        for (Uint32 type : {static_cast<Uint32>(SDL_KEYDOWN), static_cast<Uint32>(SDL_KEYUP)}) {
            SDL_Event e{};
            e.type = type;
            e.key.windowID = m_window_id;
            e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
            e.key.keysym.sym = key;
            e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
            e.key.keysym.mod = static_cast<Uint16>(mod);
            SDL_PushEvent(&e);
        }
    }

    void push_window(const ReplayStep& step) {
        SDL_Event e{};
        e.type = SDL_WINDOWEVENT;
        e.window.windowID = m_window_id;
        e.window.event = step.arg == "close"        ? SDL_WINDOWEVENT_CLOSE
                         : step.arg == "focus-lost" ? SDL_WINDOWEVENT_FOCUS_LOST
                         : step.arg == "minimized"  ? SDL_WINDOWEVENT_MINIMIZED
                                                    : SDL_WINDOWEVENT_HIDDEN;
        SDL_PushEvent(&e);
    }

    // Screenshots, target lists and expectations.
    void check(const ReplayStep& step) {
        const ui::Browser* b = m_stage.browser();
        switch (step.kind) {
        case K::Shot:
            m_engine.draw_settled(m_now);
            if (auto saved = m_engine.display().save_png(step.arg); !saved)
                failed(step, saved.error().message);
            break;
        case K::Targets: {
            std::string text;
            if (b != nullptr)
                for (const auto& target : b->targets(m_now))
                    text += target.name + " " + std::to_string(target.rect.x) + " " +
                            std::to_string(target.rect.y) + " " + std::to_string(target.rect.w) +
                            " " + std::to_string(target.rect.h) + "\n";
            std::FILE* f = std::fopen(step.arg.c_str(), "wb");
            if (f == nullptr || std::fwrite(text.data(), 1, text.size(), f) != text.size())
                failed(step, step.arg + ": cannot be written");
            if (f != nullptr)
                std::fclose(f);
            break;
        }
        case K::ExpectScreen: {
            std::string shown = m_stage.player().emergency() ? "emergency"
                                : b != nullptr               ? ui::screen_name(b->screen())
                                                             : "slideshow";
            if (shown != step.arg)
                failed(step,
                       "expected the " + step.arg + " screen, the " + shown + " screen is showing");
            break;
        }
        case K::ExpectItem: {
            int shown = b != nullptr ? b->item() + 1 : 0;
            if (std::to_string(shown) != step.arg)
                failed(step, "expected item " + step.arg + ", item " + std::to_string(shown) +
                                 " is showing");
            break;
        }
        case K::ExpectExit:
            failed(step, "the program is still running");
            break;
        default:
            break;
        }
    }

    Loop& m_loop;
    engine::Engine& m_engine;
    ui::Stage& m_stage;
    content::Player::ReadyFn m_ready;
    TimePoint m_now;
    Uint32 m_window_id{0};
    int m_failures{0};
};

} // namespace

int run_replay(Loop& loop, TimePoint start, const std::vector<ReplayStep>& steps) {
    return ReplayDriver(loop, start).play(start, steps);
}

} // namespace kiosk::app

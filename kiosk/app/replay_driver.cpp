// Replays: scripted touches, keys and window events pushed on SDL's queue at their simulated
// times, taken by the loop's own event handling, with screenshots and checks between them.
#include "kiosk/app/replay_driver.hpp"

#include "kiosk/core/log.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk::app {

int run_replay(Loop& loop, TimePoint start, const std::vector<ReplayStep>& steps) {
    using K = ReplayStep::Kind;
    engine::Engine& engine = loop.board().engine();
    ui::Stage& stage = engine.stage();
    LoopState& st = loop.state();
    bool& quit = st.quit;
    auto ready = engine.ready_fn(true);
    engine.show_window();
    TimePoint now = start;
    stage.update(now, ready);
    int failures = 0;
    auto failed = [&](const ReplayStep& s, const std::string& what) {
        log::error("replay", "line " + std::to_string(s.line) + ": " + what);
        ++failures;
    };
    // Simulated time moves from one change to the next: the player's, the browser's, a hold.
    auto advance = [&](TimePoint to) {
        for (;;) {
            TimePoint next = stage.next_change(now);
            if (auto d = stage.input_deadline())
                next = std::min(next, *d);
            if (next <= now)
                next = now + Duration{1};
            if (next > to || quit)
                break;
            now = next;
            stage.update(now, ready);
            loop.step_stage(now);
        }
        now = std::max(now, to);
        stage.update(now, ready);
        loop.step_stage(now);
    };
    const Size screen = engine.display().size();
    const Uint32 window_id =
        engine.display().window() ? SDL_GetWindowID(engine.display().window()) : 0;
    for (const auto& step : steps) {
        TimePoint t =
            start + std::chrono::duration_cast<Duration>(std::chrono::duration<double>(step.t));
        if (quit) {
            if (step.kind == K::ExpectExit)
                continue;
            failed(step, "the program had already ended");
            break;
        }
        advance(t);
        if (quit && step.kind != K::ExpectExit) {
            failed(step, "the program had already ended");
            break;
        }
        ReplayPoint at = step.at;
        if (!at.target.empty()) {
            std::optional<ui::Target> found;
            if (stage.browser())
                for (const auto& target : stage.browser()->targets(now))
                    if (target.name == at.target) {
                        found = target;
                        break;
                    }
            if (!found) {
                failed(step, "no touch target \"" + at.target + "\" on the " +
                                 (stage.browser() ? ui::screen_name(stage.browser()->screen())
                                                  : "slideshow") +
                                 " screen");
                continue;
            }
            at.x = found->rect.x + found->rect.w / 2;
            at.y = found->rect.y + found->rect.h / 2;
        }
        SDL_Event e{};
        switch (step.kind) {
        case K::Down:
        case K::Move:
        case K::Up: {
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
            e.button.windowID = window_id;
            SDL_PushEvent(&e);
            break;
        }
        case K::Key: {
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
                continue;
            }
            for (Uint32 type : {static_cast<Uint32>(SDL_KEYDOWN), static_cast<Uint32>(SDL_KEYUP)}) {
                e = SDL_Event{};
                e.type = type;
                e.key.windowID = window_id;
                e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
                e.key.keysym.sym = key;
                e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
                e.key.keysym.mod = static_cast<Uint16>(mod);
                SDL_PushEvent(&e);
            }
            break;
        }
        case K::Window:
            e.type = SDL_WINDOWEVENT;
            e.window.windowID = window_id;
            e.window.event = step.arg == "close"        ? SDL_WINDOWEVENT_CLOSE
                             : step.arg == "focus-lost" ? SDL_WINDOWEVENT_FOCUS_LOST
                             : step.arg == "minimized"  ? SDL_WINDOWEVENT_MINIMIZED
                                                        : SDL_WINDOWEVENT_HIDDEN;
            SDL_PushEvent(&e);
            break;
        case K::Shot: {
            engine.draw_settled(now);
            if (auto saved = engine.display().save_png(step.arg); !saved)
                failed(step, saved.error().message);
            break;
        }
        case K::Targets: {
            std::string text;
            if (stage.browser())
                for (const auto& target : stage.browser()->targets(now))
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
            std::string shown = stage.player().emergency() ? "emergency"
                                : stage.browser() ? ui::screen_name(stage.browser()->screen())
                                                  : "slideshow";
            if (shown != step.arg)
                failed(step,
                       "expected the " + step.arg + " screen, the " + shown + " screen is showing");
            break;
        }
        case K::ExpectItem: {
            int shown = stage.browser() ? stage.browser()->item() + 1 : 0;
            if (std::to_string(shown) != step.arg)
                failed(step, "expected item " + step.arg + ", item " + std::to_string(shown) +
                                 " is showing");
            break;
        }
        case K::ExpectExit:
            failed(step, "the program is still running");
            break;
        }
        SDL_Event got;
        while (SDL_PollEvent(&got) != 0)
            loop.handle_event(got, now);
        loop.step_stage(now);
    }
    stage.finish(now);
    log::info("replay", std::to_string(steps.size()) + " steps played to " +
                            format_iso(now, stage.bundle().manifest.utc_offset) + ", " +
                            std::to_string(failures) + " failed");
    if (failures > 0)
        return 1;
    return st.exit_status;
}

} // namespace kiosk::app

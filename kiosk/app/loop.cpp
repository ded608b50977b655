// The live loop: the steps of loop.hpp, and sleeping until the next thing that changes the screen;
// workers wake it through SDL's event queue.
#include "kiosk/app/loop.hpp"

#include "kiosk/app/pacing.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/platform/sdl_session.hpp"

#include <algorithm>

namespace kiosk::app {

using steady = std::chrono::steady_clock;

Loop::Loop(Board& board, std::uint32_t wake_event)
    : m_board(board), m_engine(board.engine()), m_stage(board.stage()), m_wake_event(wake_event) {}

int Loop::run(const Clock& clock) {
    const Options& o = m_board.options();
    if (!o.windowed) {
        if (SDL_Window* w = m_engine.display().window())
            SDL_SetWindowKeyboardGrab(w, SDL_TRUE);
    }
    const auto stop_at = o.run_for_s
                             ? steady::now() + std::chrono::duration_cast<steady::duration>(
                                                   std::chrono::duration<double>(*o.run_for_s))
                             : steady::time_point::max();
    // The first slide's image is asked for, then the window shown while it decodes (showing a
    // fullscreen window takes the display server a while). If it is still decoding after that,
    // it is waited for a little, so the first frame shows content rather than the "preparing"
    // screen (and a slow disk cannot hold the screen black for longer than that).
    if (!m_board.dark())
        m_stage.update(clock.now(), m_engine.ready_fn(false));
    m_engine.show_window();
    // From here on SIGTERM and SIGINT end the loop cleanly (what a test or systemd waits for).
    const Size size = m_engine.display().size();
    log::info("kiosk", "playing bundle " +
                           std::to_string(m_stage.bundle().manifest.bundle_version) + " on " +
                           std::to_string(size.w) + "x" + std::to_string(size.h));
    if (m_stage.player().waiting())
        m_engine.wait_for_decoder(std::chrono::milliseconds{150});
    for (;;) {
        TimePoint now = clock.now();
        // Counted before the new version is taken: what the last counted poll brought is in.
        m_state.polled = m_board.polls();
        m_state.dirty = m_board.tend_unattended(now) || m_state.dirty;
        take_decoded();
        take_bundle(now);
        take_feed(now);
        step_player(now);
        m_board.tend_clock_steps(now);
        step_stage(now);
        if (m_state.quit || m_board.run_done(now, m_state.polled))
            break;
        draw_if_due(now);
        prepare_next(now);
        sleep(now, clock, stop_at);
        if (m_state.quit || steady::now() >= stop_at)
            break;
    }
    m_stage.finish(clock.now());
    return m_state.exit_status;
}

void Loop::take_decoded() {
    if (m_engine.take_decoded() && m_engine.missing())
        m_state.dirty = true;
}

void Loop::take_bundle(TimePoint now) {
    if (m_board.take_synced_version())
        m_state.dirty = true;
    m_board.note_expiry(now);
}

void Loop::take_feed(TimePoint now) {
    if (m_board.take_feed(now))
        m_state.dirty = true;
}

void Loop::step_player(TimePoint now, bool wait_for_decoder) {
    auto ready = m_engine.ready_fn(wait_for_decoder);
    auto before = m_stage.player().current_start();
    if (!m_board.dark())
        m_stage.update(now, ready);
    // A new version goes on at a slide boundary (or at once when nothing is on screen).
    if (m_board.switch_version(now, m_stage.player().current_start() != before)) {
        if (!m_board.dark())
            m_stage.update(now, ready);
        m_state.dirty = true;
        m_state.warmed_for = TimePoint::min();
        m_state.layered_for = TimePoint::min();
    }
}

void Loop::step_stage(TimePoint now) {
    apply(m_stage.tick(now, m_board.dark()));
}

void Loop::apply(ui::Effect effect) {
    if (effect == ui::Effect::Exit) {
        m_state.exit_status = 0;
        m_state.quit = true;
    } else if (effect == ui::Effect::Restart) {
        m_state.exit_status = kRestartStatus;
        m_state.quit = true;
    }
}

std::chrono::microseconds Loop::frame_interval(TimePoint now) const {
    // A worker waking the loop mid-transition does not bring the next frame forward. The
    // browsing screens fade like a crossfade.
    const auto refresh = m_engine.display().frame_interval();
    return m_stage.player().in_transition(now) && !m_stage.covered(now)
               ? transition_frame_interval(m_stage.player().transition(), refresh)
               : transition_frame_interval(content::Transition::Fade, refresh);
}

void Loop::draw_if_due(TimePoint now) {
    LoopState& s = m_state;
    const auto& player = m_stage.player();
    // Under an opaque browsing screen the slideshow's changes are not seen.
    if (!m_stage.covered(now) &&
        (player.current_slide() != s.shown_current || player.previous_slide() != s.shown_previous))
        s.dirty = true;
    if (m_stage.revision() != s.shown_browse)
        s.dirty = true;
    bool frame_due = steady::now() >= s.last_draw + frame_interval(now);
    if (!(s.dirty || (m_stage.animating(now) && frame_due) || now >= s.next_change))
        return;
    s.last_draw = steady::now();
    m_engine.draw(now, m_board.dark(), s.exposed);
    s.exposed = false;
    s.dirty = false;
    m_board.report_results_shown();
    s.shown_current = player.current_slide();
    s.shown_previous = player.previous_slide();
    s.shown_browse = m_stage.revision();
    s.next_change = m_stage.next_change(now);
}

void Loop::prepare_next(TimePoint now) {
    LoopState& s = m_state;
    const auto& player = m_stage.player();
    if (m_stage.animating(now) || !s.shown_current)
        return;
    // While the screen is still, get the next slide ready: images decoded, text rendered.
    if (s.warmed_for != player.current_start()) {
        m_engine.warm_upcoming(s.next_change);
        s.warmed_for = player.current_start();
    }
    // A crossfade's incoming slide is drawn once its images are in: its first frame is then as
    // quick as the rest.
    if (!m_board.dark() && s.layered_for != player.current_start() &&
        m_engine.prepare_layer(s.next_change))
        s.layered_for = player.current_start();
}

void Loop::sleep(TimePoint now, const Clock& clock, steady::time_point stop_at) {
    const Options& o = m_board.options();
    TimePoint wake_at = m_state.next_change;
    if (o.run_until)
        wake_at = std::min(wake_at, *o.run_until);
    if (auto d = m_stage.input_deadline())
        wake_at = std::min(wake_at, *d);
    int timeout_ms = 1000;
    if (m_stage.animating(now)) {
        // The next animation frame one interval after the last one began, and no sooner: without
        // vsync (software rendering, a virtual screen, headless) the loop would otherwise draw as
        // fast as the CPU allows. A present that waits for vsync has already used up a refresh
        // interval, so this adds no delay there.
        auto due = m_state.last_draw + frame_interval(now) - steady::now();
        timeout_ms = static_cast<int>(std::clamp<long long>(
            std::chrono::ceil<std::chrono::milliseconds>(due).count(), 0, 1000));
    } else if (wake_at != TimePoint::max()) {
        auto wait = clock.real_wait(wake_at - now);
        timeout_ms = static_cast<int>(std::clamp<long long>(
            std::chrono::duration_cast<std::chrono::milliseconds>(wait).count() + 1, 0, 60'000));
    }
    if (stop_at != steady::time_point::max()) {
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(stop_at - steady::now()).count();
        timeout_ms = static_cast<int>(
            std::clamp<long long>(std::min<long long>(timeout_ms, left), 0, 60'000));
    }
    timeout_ms = std::min(timeout_ms, m_board.unattended_wait_ms(now));
    SDL_Event e;
    if (SDL_WaitEventTimeout(&e, timeout_ms) == 0)
        return;
    do {
        if (e.type != m_wake_event) // A worker finished: the top of the loop takes it.
            handle_event(e, clock.now());
    } while (SDL_PollEvent(&e) != 0);
}

void Loop::handle_event(const SDL_Event& e, TimePoint now) {
    platform::Display& display = m_engine.display();
    const bool windowed = m_board.options().windowed;
    if (e.type == SDL_WINDOWEVENT) {
        if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            m_engine.set_screen(display.refresh_size());
            m_state.warmed_for = TimePoint::min();
            m_state.layered_for = TimePoint::min();
        }
        // Focus, pointer and move events change nothing on the screen.
        if (platform::window_event_needs_redraw(e.window.event)) {
            m_state.dirty = true;
            m_state.exposed = true;
        }
    }
    if (m_stage.browser() != nullptr) {
        if (auto p = m_state.pointer.read(e, display.size(), now)) {
            if (p->kind == PointerEvent::Kind::Down)
                m_board.touched(now);
            apply(m_stage.pointer(*p, now));
            return;
        }
    } else if (e.type == SDL_FINGERDOWN ||
               (e.type == SDL_MOUSEBUTTONDOWN && e.button.which != SDL_TOUCH_MOUSEID)) {
        // SDL repeats each touch as a mouse click; only the touch itself counts.
        m_board.touched(now);
    }
    switch (platform::lockdown(e, windowed)) {
    case platform::Request::Quit:
        m_state.quit = true;
        return;
    case platform::Request::Raise:
        // Kiosk mode: the window takes the screen and the keyboard back.
        if (SDL_Window* w = display.window()) {
            SDL_RestoreWindow(w);
            SDL_RaiseWindow(w);
            SDL_SetWindowKeyboardGrab(w, SDL_TRUE);
        }
        log::info("lockdown", "the window lost focus or was hidden: raised again");
        return;
    case platform::Request::None:
        break;
    }
    if (e.type == SDL_KEYDOWN && !windowed) {
        std::string key = platform::describe_key(e.key);
        if (!m_state.keys_noted)
            log::info("lockdown", "kiosk mode ignores every key (first: " + key + ")");
        else
            log::debug("lockdown", "ignored " + key);
        m_state.keys_noted = true;
    } else if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE && !windowed) {
        log::info("lockdown", "a request to close the window was ignored");
    }
}

} // namespace kiosk::app

// The main loop as a short list of named steps over one state (the shape of mpv's play loop):
//
//   take_decoded   decoded pictures become textures (main thread only)
//   take_bundle    the channel's new version, kept for a slide boundary
//   take_feed      the live results feed's news
//   step_player    the schedule through every change up to now; a new version at a boundary
//   step_stage     touch: holds coming due, the quiet timeout, the admin screen's effects
//   draw_if_due    a frame when something changed or an animation frame is due
//   prepare_next   while the screen is still: the next slide decoded, laid out, its fade drawn
//   sleep          until the next change, an input event or a worker's wake-up
//
// The live run takes them in that order, forever; the replay driver (replay_driver.cpp) feeds
// simulated time and scripted input through the same steps.
#pragma once

#include "kiosk/app/board.hpp"
#include "kiosk/platform/input.hpp"

#include <SDL.h>

#include <chrono>
#include <optional>

namespace kiosk::app {

struct LoopState {
    bool dirty{true};    // Something on screen changed: draw.
    bool exposed{false}; // The window asked to be drawn again, whole.
    bool quit{false};
    int exit_status{0};
    TimePoint next_change{TimePoint::min()};
    // What the last frame showed.
    std::optional<std::size_t> shown_current;
    std::optional<std::size_t> shown_previous;
    std::uint64_t shown_browse{0};
    // The start of the slide whose successor was made ready (min: none yet), and drawn as the
    // crossfade's layer.
    TimePoint warmed_for{TimePoint::min()};
    TimePoint layered_for{TimePoint::min()};
    std::chrono::steady_clock::time_point last_draw{};
    std::uint64_t polled{0}; // The channel's polls, counted before the new version was taken.
    bool keys_noted{false};  // The first ignored key is logged at info level.
    platform::PointerInput pointer;
};

class Loop {
public:
    // `wake_event`: the SDL event a worker pushes to wake the loop.
    Loop(Board& board, std::uint32_t wake_event);

    // Plays live on `clock` until the program is to end; the exit status.
    int run(const Clock& clock);

    void take_decoded();
    void take_bundle(TimePoint now);
    void take_feed(TimePoint now);
    void step_player(TimePoint now, bool wait_for_decoder = false);
    void step_stage(TimePoint now);
    void draw_if_due(TimePoint now);
    void prepare_next(TimePoint now);
    void sleep(TimePoint now, const Clock& clock, std::chrono::steady_clock::time_point stop_at);

    // One event from SDL's queue: input, the window, keys kiosk mode ignores.
    void handle_event(const SDL_Event& e, TimePoint now);
    LoopState& state() { return m_state; }
    Board& board() { return m_board; }

private:
    void apply(ui::Effect effect);
    // The animation's frame interval at `now`: a transition's, or a browsing fade's.
    std::chrono::microseconds frame_interval(TimePoint now) const;

    Board& m_board;
    engine::Engine& m_engine;
    ui::Stage& m_stage;
    std::uint32_t m_wake_event;
    LoopState m_state;
};

} // namespace kiosk::app

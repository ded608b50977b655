// The screen side of a kiosk: a stage (everything the screen shows) drawn on a display, with the
// decode worker and the renderer behind it. It answers whether a slide is ready (its pictures
// decoded), draws frames, gets the next slide ready ahead of time, and plays simulated time for
// screenshots and previews. The program's loop (app/loop.cpp), its replay driver and kiosk-pack's
// preview drive it; it knows nothing of channels, feeds or the service manager.
#pragma once

#include "kiosk/content/bundle.hpp"
#include "kiosk/content/player.hpp"
#include "kiosk/engine/slide_guard.hpp"
#include "kiosk/media/font_set.hpp"
#include "kiosk/media/image_loader.hpp"
#include "kiosk/platform/display.hpp"
#include "kiosk/platform/stats.hpp"
#include "kiosk/render/sdl_renderer.hpp"
#include "kiosk/ui/stage.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

namespace kiosk::engine {

struct EngineSettings {
    std::vector<std::string> tags; // This display's: slides for others are left out.
    bool stats{false};             // Measure every frame (--stats).
    std::chrono::steady_clock::time_point process_start{std::chrono::steady_clock::now()};
};

class Engine {
public:
    Engine(std::shared_ptr<const content::Bundle> bundle, platform::Display& display,
           const media::FontSet& fonts, EngineSettings settings);

    ui::Stage& stage() { return m_stage; }
    const ui::Stage& stage() const { return m_stage; }
    platform::Display& display() { return m_display; }
    const platform::Display& display() const { return m_display; }
    render::SdlRenderer& renderer() { return m_renderer; }
    SlideGuard& guard() { return m_guard; }
    const SlideGuard& guard() const { return m_guard; }
    const platform::Stats& stats() const { return m_stats; }
    const media::FontSet& fonts() const { return m_fonts; }

    // A new bundle, on screen from the next frame (the stage switches at once: the caller picks
    // the moment, a slide boundary).
    void set_bundle(std::shared_ptr<const content::Bundle> bundle, TimePoint now);
    // The window's size changed: laid out again, the next slide made ready again.
    void set_screen(Size screen);
    // Shows the window (once), and lays out again if the screen gave it another size.
    void show_window();

    // Whether slide `slide` can go on screen: its pictures decoded. With `wait` (simulated
    // time), waits for the decoder instead of answering Pending. A slide the program died in
    // (the slide guard) is Broken; any other is noted in the guard before its pictures are
    // asked for.
    content::Readiness ready(std::size_t slide, bool wait);
    content::Player::ReadyFn ready_fn(bool wait) {
        return [this, wait](std::size_t s) { return ready(s, wait); };
    }
    // Decoded pictures taken in as textures (main thread); true when any arrived.
    bool take_decoded();
    // Waits up to `limit` for the decoder to be idle, then takes what it decoded.
    void wait_for_decoder(std::chrono::milliseconds limit);

    // Draws and presents the frame at `now` (black when `dark`). A window that asked to be
    // drawn again (`exposed`) is drawn whole.
    void draw(TimePoint now, bool dark, bool exposed = false);
    // The last frame lacked a picture still being decoded.
    bool missing() const { return m_missing; }
    // The time of the last frame drawn.
    TimePoint drawn_at() const { return m_now; }
    // Called with the time just before a frame is presented (a fleet screenshot is read then) and
    // just after (the watchdog's ping).
    std::function<void(TimePoint)> before_present;
    std::function<void()> after_present;

    // The slide after the one on screen, made ready while the screen is still: its pictures
    // decoded and text rendered for the frame at `at`, and, for a crossfade, drawn as the layer
    // the fade will lay over the screen. prepare_layer is false while its pictures are decoding.
    void warm_upcoming(TimePoint at);
    bool prepare_layer(TimePoint at);

    // Simulated time (simulate.cpp): plays up to `t` as fast as it can, from one change to the
    // next (the first call starts the schedule at `t`), decoders waited for.
    void simulate_to(TimePoint t);
    // Draws the screen at `t` with every picture decoded.
    void draw_settled(TimePoint t);
    // Draws slide `slide_id` alone at full size as it looks at `at`, every picture decoded.
    Result<void> draw_slide_alone(const std::string& slide_id, TimePoint at);
    // --screenshot: simulated time from `start` for `after`, the last frame to `out` (and as
    // text to `draw_list`). 0, or 2 when a file cannot be written.
    int screenshot(TimePoint start, Duration after, const std::filesystem::path& out,
                   const std::optional<std::filesystem::path>& draw_list);
    media::SurfacePtr capture() const { return m_display.read_pixels(); }

private:
    platform::Display& m_display;
    const media::FontSet& m_fonts;
    media::ImageLoader m_loader;
    render::SdlRenderer m_renderer;
    ui::Stage m_stage;
    SlideGuard m_guard;
    platform::Stats m_stats;
    bool m_missing{false};    // The last frame lacked a picture still being decoded.
    std::string m_last_frame; // The last frame as text (with --stats only).
    TimePoint m_now{};
    std::optional<TimePoint> m_sim_time;
};

} // namespace kiosk::engine

// The kiosk itself: a bundle playing on a display, live or in simulated time. Owns the decode
// worker, the renderer, the scene and the player; `run` and the operator tools drive it.
#pragma once

#include "kiosk/app/clock_steps.hpp"
#include "kiosk/app/config.hpp"
#include "kiosk/app/options.hpp"
#include "kiosk/app/play_log.hpp"
#include "kiosk/app/replay.hpp"
#include "kiosk/app/slide_guard.hpp"
#include "kiosk/app/unattended.hpp"
#include "kiosk/content/bundle.hpp"
#include "kiosk/content/player.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/device_status.hpp"
#include "kiosk/media/font_set.hpp"
#include "kiosk/media/image_loader.hpp"
#include "kiosk/platform/display.hpp"
#include "kiosk/platform/input.hpp"
#include "kiosk/platform/stats.hpp"
#include "kiosk/render/sdl_renderer.hpp"
#include "kiosk/sync/feed.hpp"
#include "kiosk/sync/sync_engine.hpp"
#include "kiosk/ui/browse.hpp"
#include "kiosk/ui/gesture.hpp"
#include "kiosk/ui/show.hpp"

#include <chrono>
#include <memory>

namespace kiosk::app {

// live() and replay() return this when the admin screen asked for a restart.
inline constexpr int kRestartStatus = 1000;

class Kiosk {
public:
    Kiosk(const Options& o, std::shared_ptr<const content::Bundle> bundle,
          platform::Display& display, const media::FontSet& fonts,
          std::chrono::steady_clock::time_point process_start);
    // The display's name in the proof-of-play log: --display-id, else the host name.
    static std::string display_id(const Options& o);

    Result<void> begin_at(const std::string& slide_id);
    // New versions from the sync thread are switched in at a slide boundary.
    void attach_sync(sync::SyncEngine& engine, sync::Store& store,
                     std::vector<sync::PublicKey> keys);
    // Results from the live feed replace the bundle's on the results boards.
    void attach_feed(sync::FeedPoller& feed, Duration lost_after, Duration stale_after);
    // Plays simulated time up to `t` as fast as it can, from one change to the next (the first
    // call starts the schedule at `t`). Decoders are waited for: simulated time stands still.
    void simulate_to(TimePoint t);
    // Draws the screen at `t` with every image decoded.
    void draw_settled(TimePoint t);
    // Draws the slide `slide_id` alone at full size as it looks at `at` (Show::slide_alone), with
    // every image decoded; its pixels are then in capture().
    Result<void> draw_slide_alone(const std::string& slide_id, TimePoint at);
    media::SurfacePtr capture() const { return m_display.read_pixels(); }
    int screenshot(TimePoint start, Duration after, const std::filesystem::path& out,
                   const std::optional<std::filesystem::path>& draw_list);
    int live(const Clock& clock, std::uint32_t wake_event);
    // A test drives simulated time (--step-clock): told where the loop is each iteration.
    void attach_clock_steps(ClockSteps& steps) { m_steps = &steps; }
    // Touch browsing on (the default) or off, its timings, and the admin PIN; `channel` is
    // shown on the admin screen.
    void configure_touch(const TouchConfig& touch, std::string channel);
    // Remembers in `file` the slide being prepared, so that a slide the program died in twice is
    // skipped by later starts (slide_guard.hpp). `channel`: the channel followed, if any.
    void guard_slides(std::filesystem::path file, std::string channel);
    // Plays replay steps in simulated time from `start`; 0 when every check passed.
    int replay(TimePoint start, const std::vector<ReplayStep>& steps);
    const platform::Stats& stats() const { return m_stats; }
    // Running unattended (kiosk_unattended.cpp): night schedule, watchdog, fleet status.
    void attach_unattended(Unattended& unattended, const Clock& clock);
    // No version of the channel yet: the neutral waiting screen (display, server, channel, what
    // the sync is doing) until the first one arrives, never another bundle.
    void wait_for_channel(std::string server);
    // What an on-screen status page or the fleet view shows about this display now.
    DeviceStatus device_status(TimePoint now) const;

private:
    content::Readiness ready(std::size_t slide, bool wait);
    void make_player();
    void take_synced_version();
    void replace_bundle(std::shared_ptr<const content::Bundle> bundle, TimePoint now);
    void continue_after(const std::string& slide_id);
    sync::SyncEngine* m_sync{nullptr};
    sync::Store* m_store{nullptr};
    std::vector<sync::PublicKey> m_keys;
    std::shared_ptr<const content::Bundle> m_pending; // Verified, waiting for a slide boundary.
    void take_feed_update(TimePoint now, bool& dirty);
    sync::FeedPoller* m_feed{nullptr};
    bool m_feed_lost{false};
    std::optional<TimePoint> m_feed_since; // The first loop's time: silence counts from there.
    std::optional<std::int64_t> m_results_to_report; // A sequence not yet seen on a board.
    std::optional<TimePoint> m_sim_time;
    void draw(TimePoint now);
    // The scenes laid out again for the screen's size (after a resize).
    void lay_out_for(Size screen);
    // Shows the window (once), and lays the scenes out again if the screen gave it another size
    // than the one it was opened at.
    void show_window();
    // The frame at `now`: the slideshow, the browsing screens over it, or both while fading.
    ui::DrawList compose(TimePoint now) const;
    // Input, window and key events; sets `quit` when the program is to end.
    void handle_event(const SDL_Event& e, TimePoint now, bool& quit);
    // Holds coming due, the quiet timeout, an emergency closing the browser.
    void update_browser(TimePoint now, bool& quit);
    void apply(ui::Effect effect, bool& quit);
    std::vector<std::size_t> slides_for_display() const;
    std::unique_ptr<ui::Browser> m_browser;
    std::optional<ui::GestureRecognizer> m_gestures;
    platform::PointerInput m_pointer;
    int m_exit_status{0};
    std::string m_channel;
    bool m_keys_noted{false}; // The first ignored key is logged at info level.
    TimePoint m_now{};        // Of the last frame drawn.

    const Options& m_options;
    std::shared_ptr<const content::Bundle> m_bundle;
    platform::Display& m_display;
    const media::FontSet& m_fonts;
    media::ImageLoader m_loader;
    render::SdlRenderer m_renderer;
    std::unique_ptr<ui::Show> m_show;
    content::Player m_player;
    platform::Stats m_stats;
    std::unique_ptr<PlayLog> m_play_log;
    bool m_missing{false};    // The last frame lacked an image still being decoded.
    bool m_exposed{false};    // The window asked to be drawn again since the last frame.
    std::string m_last_frame; // The last frame as text (with --stats only).
    void tend(TimePoint now, bool& dirty);
    void before_present(TimePoint now);
    void after_present();
    int unattended_wait_ms(TimePoint now) const;
    // --run-until, --polls: the run is over (polled: the channel's polls counted before the
    // loop took what they brought).
    bool run_done(TimePoint now, std::uint64_t polled) const;
    ClockSteps* m_steps{nullptr};
    // Proof of play's name of the bundle on screen: `channel/version`, or the version.
    std::string bundle_label() const;
    void update_waiting(bool& dirty);
    bool m_waiting{false};
    std::string m_waiting_server;
    std::vector<std::string> m_waiting_lines;
    // Expired content (still shown): said once per version; when, for the status screens.
    void note_expiry(TimePoint now);
    std::optional<TimePoint> expired_at(TimePoint now) const;
    std::int64_t m_expired_noted{0};
    Unattended* m_unattended{nullptr};
    const Clock* m_clock{nullptr};
    bool m_dark{false}; // Outside the on-hours: black, and the player stopped.
    SlideGuard m_guard;
    std::string m_guard_channel;
    std::string guard_key() const;
};

} // namespace kiosk::app

// A display at work: the engine (what the screen shows) and what the program adds around it: the
// channel it follows (new versions, the waiting screen), the live results feed, proof of play,
// the content's expiry, the admin screen's status, and the unattended duties (the night, the
// service manager, the fleet view; board_unattended.cpp). The loop (loop.cpp) and the replay
// driver (replay_driver.cpp) call it at their steps.
#pragma once

#include "kiosk/app/config.hpp"
#include "kiosk/app/options.hpp"
#include "kiosk/app/play_log.hpp"
#include "kiosk/app/unattended.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/device_status.hpp"
#include "kiosk/engine/engine.hpp"
#include "kiosk/platform/clock_steps.hpp"
#include "kiosk/sync/feed.hpp"
#include "kiosk/sync/sync_engine.hpp"

#include <chrono>
#include <memory>
#include <optional>

namespace kiosk::app {

// The loop ends with this status when the admin screen asked for a restart.
inline constexpr int kRestartStatus = 1000;

class Board {
public:
    Board(engine::Engine& engine, const Options& options);
    // The display's name in the proof-of-play log: --display-id, else the host name.
    static std::string display_id(const Options& o);

    engine::Engine& engine() { return m_engine; }
    ui::Stage& stage() { return m_engine.stage(); }
    const ui::Stage& stage() const { return m_engine.stage(); }
    const Options& options() const { return m_options; }

    // Touch browsing on (the default) or off, its timings, and the admin PIN; `channel` is
    // shown on the admin screen.
    void configure_touch(const TouchConfig& touch, std::string channel);
    // Remembers in `file` the slide being prepared, so that a slide the program died in twice is
    // skipped by later starts (engine/slide_guard.hpp). `channel`: the channel followed, if any.
    void guard_slides(std::filesystem::path file, std::string channel);
    // New versions from the sync thread are switched in at a slide boundary.
    void attach_sync(sync::SyncEngine& engine, sync::Store& store);
    // Results from the live feed replace the bundle's on the results boards.
    void attach_feed(sync::FeedPoller& feed, Duration lost_after, Duration stale_after);
    // Running unattended: night schedule, watchdog, fleet status.
    void attach_unattended(Unattended& unattended, const Clock& clock);
    // A test drives simulated time (--step-clock): told where the loop is each iteration.
    void attach_clock_steps(platform::ClockSteps& steps) { m_steps = &steps; }
    // No version of the channel yet: the neutral waiting screen (display, server, channel, what
    // the sync is doing) until the first one arrives, never another bundle.
    void wait_for_channel(std::string server);

    // What the loop's steps ask of it. Each returns whether the screen must be drawn again.
    //   The sync thread's new version, kept until a slide boundary (the waiting screen's lines
    //   follow what the sync is doing meanwhile).
    bool take_synced_version();
    //   The pending version put on screen when a slide has just ended at `now` (`boundary`), or at
    //   once when nothing is on screen or the screen is dark.
    bool switch_version(TimePoint now, bool boundary);
    //   The results feed's news: a new document, the feed lost or back.
    bool take_feed(TimePoint now);
    //   The night, the watchdog's frame, the fleet report's frame, the power switch.
    bool tend_unattended(TimePoint now);
    //   Content past its expiry is still shown, and said once.
    void note_expiry(TimePoint now);
    //   Where a test drives the clock, it is told where the loop is.
    void tend_clock_steps(TimePoint now);
    //   A results board with the feed's latest sequence just drawn (publish-to-screen latency).
    void report_results_shown();

    // Outside the on-hours: black, the player stopped.
    bool dark() const { return m_dark; }
    // A touch landed (proof of play).
    void touched(TimePoint now);
    // A version is waiting for a slide boundary.
    bool version_pending() const { return m_pending != nullptr; }
    // --run-until, --polls: the run is over.
    bool run_done(TimePoint now, std::uint64_t polled) const;
    std::uint64_t polls() const;
    // How long the loop may sleep for the unattended duties, in ms (at most a minute).
    int unattended_wait_ms(TimePoint now) const;

    // What an on-screen status page or the fleet view shows about this display now.
    DeviceStatus device_status(TimePoint now) const;

private:
    const content::Bundle& bundle() const { return m_engine.stage().bundle(); }
    void replace_bundle(std::shared_ptr<const content::Bundle> bundle, TimePoint now);
    bool update_waiting();
    std::optional<TimePoint> expired_at(TimePoint now) const;
    std::string guard_key() const;
    // Proof of play's name of the bundle on screen: `channel/version`, or the version.
    std::string bundle_label() const;
    void before_present(TimePoint now);
    void after_present();

    engine::Engine& m_engine;
    const Options& m_options;
    std::unique_ptr<PlayLog> m_play_log;
    std::string m_channel;
    sync::SyncEngine* m_sync{nullptr};
    sync::Store* m_store{nullptr};
    std::shared_ptr<const content::Bundle> m_pending; // Verified, waiting for a slide boundary.
    sync::FeedPoller* m_feed{nullptr};
    bool m_feed_lost{false};
    std::optional<TimePoint> m_feed_since; // The first loop's time: silence counts from there.
    std::optional<std::int64_t> m_results_to_report; // A sequence not yet seen on a board.
    bool m_waiting{false};
    std::string m_waiting_server;
    std::vector<std::string> m_waiting_lines;
    std::int64_t m_expired_noted{0};
    std::string m_guard_channel;
    Unattended* m_unattended{nullptr};
    const Clock* m_clock{nullptr};
    platform::ClockSteps* m_steps{nullptr};
    bool m_dark{false};
};

} // namespace kiosk::app

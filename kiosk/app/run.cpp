// Wiring and the main loop. The loop sleeps until the next thing that changes the screen; workers
// wake it through SDL's event queue.
#include "kiosk/app/run.hpp"

#include "kiosk/app/board.hpp"
#include "kiosk/app/config.hpp"
#include "kiosk/app/loop.hpp"
#include "kiosk/app/play_log.hpp"
#include "kiosk/app/replay.hpp"
#include "kiosk/app/replay_driver.hpp"
#include "kiosk/app/unattended.hpp"
#include "kiosk/content/url.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/media/font_set.hpp"
#include "kiosk/media/image_loader.hpp"
#include "kiosk/platform/display.hpp"
#include "kiosk/platform/paths.hpp"
#include "kiosk/platform/process.hpp"
#include "kiosk/platform/sdl_session.hpp"
#include "kiosk/platform/stats.hpp"
#include "kiosk/render/sdl_renderer.hpp"
#include "kiosk/ui/show.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <future>
#include <locale.h>
#include <unistd.h>

namespace kiosk::app {
namespace {

using steady = std::chrono::steady_clock;

constexpr const char* kNoDisplay = R"(kiosk: there is no display to draw on (%s).
This machine has no screen (or DISPLAY/WAYLAND_DISPLAY is not set). To see what the kiosk shows:
  take a screenshot headless, at any moment of the week:
    kiosk --content content --size 1920x1080 --clock 2020-11-08T09:30:00+08:00 --after 20 --screenshot kiosk.png
  or play it in a virtual screen:
    xvfb-run -s "-screen 0 1920x1080x24" kiosk --content content
)";

// The machine's own UTC offset now: the clock of a screen with no bundle yet (which has no time
// zone of its own) shows the time of the place the display is in.
std::chrono::minutes local_offset() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    if (localtime_r(&now, &tm) == nullptr)
        return {};
    return std::chrono::duration_cast<std::chrono::minutes>(std::chrono::seconds{tm.tm_gmtoff});
}

// What plays when the bundle cannot be read at all: the branded fallback screen, never black.
// Its clock is at the config's time zone (the night schedule's), else the machine's.
std::shared_ptr<const content::Bundle> fallback_bundle(const std::filesystem::path& data_dir,
                                                       const DisplayConfig* config) {
    auto b = std::make_shared<content::Bundle>();
    b->root = data_dir;
    b->manifest.schema_version = content::kSchemaVersion;
    b->manifest.utc_offset = config != nullptr && config->unattended.utc_offset
                                 ? *config->unattended.utc_offset
                                 : local_offset();
    b->manifest.theme.header = "信息发布屏";
    std::error_code ec;
    auto logo = data_dir / "assets" / "logo.svg";
    if (std::filesystem::exists(logo, ec)) {
        b->manifest.assets["assets/logo.svg"] = {"", std::filesystem::file_size(logo, ec),
                                                 "image/svg+xml"};
        b->manifest.theme.logo = "assets/logo.svg";
    }
    return b;
}

// What to show at start. With a config, content comes from the channel only: the store's active
// version (checked again: signature and every object), else the previous one, else the neutral
// waiting screen until the first version arrives (`waiting`), never the local bundle or the
// sample. Objects found damaged are removed, so the sync fetches them again. Without a config,
// the local bundle; without a readable one, the fallback screen; null when there is nothing to
// show and the program is to stop (a screenshot of a bad bundle).
std::shared_ptr<const content::Bundle>
choose_bundle(const Options& opts, const DisplayConfig* config, sync::Store* store,
              const std::filesystem::path& data_dir, bool& waiting) {
    if (config != nullptr && store != nullptr) {
        for (auto stored : {store->active(), store->previous()}) {
            if (!stored)
                continue;
            auto key = sync::verify(stored->bytes, stored->signature, config->trusted_keys);
            auto loaded = key ? content::load_bundle_from_store(store->objects_dir(), stored->bytes)
                              : fail(key.error().message);
            if (loaded && (*loaded)->problems.empty()) {
                for (const auto& [name, info] : (*loaded)->manifest.assets)
                    store->mark_verified(info.sha256);
                log::info("store", "showing stored version " + std::to_string(stored->version));
                return *loaded;
            }
            if (loaded)
                for (const auto& sha : (*loaded)->damaged)
                    store->discard_object(sha, "damaged in the store (version " +
                                                   std::to_string(stored->version) + ")");
            log::warn("store", "stored version " + std::to_string(stored->version) +
                                   " is not usable: " +
                                   (loaded ? (*loaded)->problems.front() : loaded.error().message));
        }
        log::info("store", "no version of channel " + config->channel +
                               " to show yet: the waiting screen until one arrives");
        waiting = true;
        return fallback_bundle(data_dir, config);
    }
    auto content_dir = opts.content.empty() ? data_dir / "content" : opts.content;
    auto loaded = content::load_bundle(content_dir);
    if (!loaded) {
        log::error("bundle", loaded.error().message);
        return opts.screenshot ? nullptr : fallback_bundle(data_dir, config);
    }
    const auto& bundle = *loaded;
    for (const auto& p : bundle->problems)
        log::warn("bundle", "bundle " + std::to_string(bundle->manifest.bundle_version) + ": " + p);
    if (bundle->manifest.playlist.empty())
        log::warn("bundle",
                  content_dir.string() + ": nothing playable; showing the fallback screen");
    return bundle;
}

// The config's "video" as the SDL video driver's name; null: SDL chooses.
const char* video_driver_name(VideoOutput video) {
    return video == VideoOutput::Kmsdrm    ? "kmsdrm"
           : video == VideoOutput::Wayland ? "wayland"
           : video == VideoOutput::X11     ? "x11"
                                           : nullptr;
}

// The display's config read (--config): it fills in what the command line leaves open, sets
// the log level, and opens the content store. False (with the reason logged) on a bad one.
bool read_config(const Options& o, Options& opts, std::optional<DisplayConfig>& config,
                 std::unique_ptr<sync::Store>& store) {
    auto c = load_config(*o.config);
    if (!c) {
        log::error("config", c.error().message);
        return false;
    }
    config = *c;
    if (config->unattended.log_level && !o.verbose)
        log::set_level(*config->unattended.log_level);
    if (opts.display_id.empty())
        opts.display_id = config->display_id;
    if (opts.tags.empty())
        opts.tags = config->tags;
    if (!opts.play_log && !config->play_log_dir.empty())
        opts.play_log = config->play_log_dir;
    store = std::make_unique<sync::Store>(config->cache_dir, config->cache_max_bytes);
    if (auto opened = store->open(); !opened) {
        log::error("store", opened.error().message);
        return false;
    }
    return true;
}

// What the helper thread readies while the main thread starts SDL.
struct Prepared {
    std::shared_ptr<const content::Bundle> bundle; // Null: nothing to show, exit.
    std::unique_ptr<media::FontSet> fonts;         // Null: `font_error` says why.
    std::string font_error;
    bool waiting{false}; // The channel's waiting screen.
};

Prepared prepare(const Options& opts, const DisplayConfig* config, sync::Store* store,
                 const std::filesystem::path& data_dir) {
    // In the "C" locale of its own: SDL's X11 start switches the process to the user's locale
    // for a moment, and JSON numbers must not be read with a decimal comma then.
    locale_t c_locale = newlocale(LC_ALL_MASK, "C", nullptr);
    locale_t previous = c_locale != nullptr ? uselocale(c_locale) : nullptr;
    Prepared p;
    p.bundle = choose_bundle(opts, config, store, data_dir, p.waiting);
    if (auto f = media::FontSet::open(data_dir / "fonts" / "kiosk-cjk.ttf"))
        p.fonts = std::move(*f);
    else
        p.font_error = f.error().message;
    if (c_locale != nullptr) {
        uselocale(previous);
        freelocale(c_locale);
    }
    return p;
}

// Live: the clock (a test's stepped one with --step-clock), the channel's sync thread and the
// results feed's (with a config), the unattended duties, and the loop until it ends.
int play_live(const Options& o, const Options& opts, const DisplayConfig* config,
              sync::Store* store, Board& board, Loop& loop, steady::time_point process_start) {
    std::unique_ptr<Clock> clock;
    std::unique_ptr<platform::ClockSteps> steps;
    if (o.step_clock) {
        auto stepped = std::make_unique<SteppedClock>(*o.clock, o.speed, *o.clock);
        steps = std::make_unique<platform::ClockSteps>(*stepped, STDIN_FILENO,
                                                       &platform::SdlSession::wake);
        board.attach_clock_steps(*steps);
        clock = std::move(stepped);
    } else if (o.clock) {
        clock = std::make_unique<SystemClock>(*o.clock, o.speed);
    } else {
        clock = std::make_unique<SystemClock>();
    }
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    std::unique_ptr<sync::CurlClient> http;
    std::unique_ptr<sync::SyncEngine> sync_engine;
    std::unique_ptr<sync::CurlClient> feed_http;
    std::unique_ptr<sync::FeedPoller> feed;
    if (config != nullptr) {
        sync::HttpLimits limits;
        limits.ca_file = config->ca_file;
        limits.cancel = cancel;
        limits.connect_timeout = config->connect_timeout;
        limits.low_speed_bytes = config->low_speed_bytes;
        limits.low_speed_time = config->low_speed_time;
        limits.total_timeout = config->total_timeout;
        limits.user_agent = std::string("kiosk/") + KIOSK_VERSION + " (" + opts.display_id + ")";
        http = std::make_unique<sync::CurlClient>(limits);
        sync::SyncSettings settings;
        settings.server = config->server;
        settings.channel = config->channel;
        settings.trusted_keys = config->trusted_keys;
        settings.poll_interval = config->poll_interval;
        settings.display_id = opts.display_id;
        settings.stopping = cancel;
        sync_engine = std::make_unique<sync::SyncEngine>(
            settings, *store, *http, *clock, &platform::SdlSession::wake,
            [limits]() -> std::unique_ptr<sync::HttpClient> {
                return std::make_unique<sync::CurlClient>(limits);
            });
        board.attach_sync(*sync_engine, *store);
        sync_engine->start();
        auto feed_url =
            content::join_url(config->server, "feeds/" + config->channel + "/results.json");
        sync::FeedSettings feed_settings{feed_url.value_or(""),
                                         config->trusted_keys,
                                         config->results_poll,
                                         config->cache_dir / "feed",
                                         {"X-Kiosk-Display: " + opts.display_id},
                                         cancel};
        feed_http = std::make_unique<sync::CurlClient>(limits);
        feed = std::make_unique<sync::FeedPoller>(feed_settings, *feed_http, *clock,
                                                  &platform::SdlSession::wake);
        board.attach_feed(*feed, config->results_lost_after, config->results_stale_after);
        feed->start();
        board.guard_slides(config->cache_dir / "slide-guard.json", config->channel);
    }
    Unattended unattended(config, Board::display_id(opts), process_start, cancel);
    board.attach_unattended(unattended, *clock);
    int code = loop.run(*clock);
    cancel->store(true); // Downloads in progress stop now; partial files are kept.
    if (sync_engine)
        sync_engine->stop();
    if (feed)
        feed->stop();
    return code;
}

// Plays what was prepared on the display: a replay, a screenshot, or live.
int play(const Options& o, const Options& opts, const DisplayConfig* config, sync::Store* store,
         platform::Display& display, std::uint32_t wake_event, const Prepared& prepared,
         steady::time_point process_start) {
    engine::Engine engine(prepared.bundle, display, *prepared.fonts,
                          {opts.tags, o.stats, process_start});
    Board board(engine, opts);
    if (o.start_slide) {
        if (auto begun = engine.stage().begin_at(*o.start_slide); !begun) {
            log::error("kiosk", begun.error().message);
            return 2;
        }
    }
    if (config != nullptr)
        board.configure_touch(config->touch, config->channel);
    if (prepared.waiting)
        board.wait_for_channel(config->server);
    Loop loop(board, wake_event);
    int code = 0;
    if (o.replay) {
        auto text = content::read_file(*o.replay, 4u << 20);
        auto steps = text ? parse_replay(*text, o.replay->string()) : std::unexpected(text.error());
        if (!steps) {
            log::error("replay", steps.error().message);
            return 2;
        }
        code = run_replay(loop, *o.clock, *steps);
        if (code == kRestartStatus) {
            // A replay that restarted would play itself again, for ever.
            log::info("replay", "the restart asked for is not done in a replay");
            code = 0;
        }
    } else if (o.screenshot) {
        auto start = o.clock.value_or(
            std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()));
        auto after =
            std::chrono::duration_cast<Duration>(std::chrono::duration<double>(*o.after_s));
        code = engine.screenshot(start, after, *o.screenshot, o.draw_list);
    } else {
        code = play_live(o, opts, config, store, board, loop, process_start);
    }
    if (o.stats)
        std::fputs(engine.stats().report().c_str(), stdout);
    return code;
}

} // namespace

int run(const Options& o, steady::time_point process_start) {
    log::set_level(o.verbose ? log::Level::Debug : log::Level::Info);
    platform::use_journal_if_present();
    log::info("kiosk", std::string("kiosk ") + KIOSK_VERSION + " started, process " +
                           std::to_string(getpid()));
    auto data_dir = platform::find_data_dir(o.data_dir);
    if (!data_dir) {
        log::error("kiosk", "cannot find fonts/kiosk-cjk.ttf; give its folder with --data-dir");
        return 2;
    }
    Options opts = o;
    std::optional<DisplayConfig> config;
    std::unique_ptr<sync::Store> store;
    if (o.config && !read_config(o, opts, config, store))
        return 2;

    // Before the helper below starts: setenv is not safe while another thread reads the
    // environment.
    if (config)
        platform::choose_video_driver(video_driver_name(config->unattended.video));

    // The bundle is read and checked (every object's SHA-256) and the font opened on a helper
    // thread, while this one starts SDL and opens the window: the two take about as long, and
    // neither needs the other.
    auto preparing = std::async(std::launch::async, [&] {
        return prepare(opts, config ? &*config : nullptr, store.get(), *data_dir);
    });
    // SDL is not stopped under the helper's feet when the display cannot be opened.
    auto leave = [&preparing](int status) {
        preparing.wait();
        return status;
    };

    auto session = platform::SdlSession::start(o.headless ? platform::Video::Headless
                                                          : platform::Video::Window);
    if (!session) {
        if (!o.headless) {
            std::fprintf(stderr, kNoDisplay, session.error().message.c_str());
            platform::explain_video_failure();
            return leave(3);
        }
        log::error("kiosk", session.error().message);
        return leave(2);
    }
    auto display = platform::Display::open(
        {o.headless, o.windowed, o.size, o.renderer, config ? config->unattended.rotation : 0});
    if (!display) {
        if (!o.headless) {
            std::fprintf(stderr, kNoDisplay, display.error().message.c_str());
            platform::explain_video_failure();
            return leave(3);
        }
        log::error("kiosk", display.error().message);
        return leave(2);
    }
    auto prepared = preparing.get();
    auto bundle = prepared.bundle;
    if (!bundle)
        return 2;
    if (!prepared.fonts) {
        log::error("kiosk", prepared.font_error);
        return 2;
    }

    return play(o, opts, config ? &*config : nullptr, store.get(), **display,
                (*session)->wake_event(), prepared, process_start);
}

} // namespace kiosk::app

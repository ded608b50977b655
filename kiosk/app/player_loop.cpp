// Wiring and the main loop. The loop sleeps until the next thing that changes the screen; workers
// wake it through SDL's event queue.
#include "kiosk/app/player_loop.hpp"

#include "kiosk/app/kiosk.hpp"
#include "kiosk/app/paths.hpp"
#include "kiosk/app/play_log.hpp"
#include "kiosk/app/stats.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/media/font_set.hpp"
#include "kiosk/media/image_loader.hpp"
#include "kiosk/platform/display.hpp"
#include "kiosk/platform/sdl_session.hpp"
#include "kiosk/render/sdl_renderer.hpp"
#include "kiosk/ui/show.hpp"

#include <algorithm>
#include <cstdio>
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

// What plays when the bundle cannot be read at all: the branded fallback screen, never black.
std::shared_ptr<const content::Bundle> fallback_bundle(const std::filesystem::path& data_dir) {
    auto b = std::make_shared<content::Bundle>();
    b->root = data_dir;
    b->manifest.schema_version = content::kSchemaVersion;
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

} // namespace

int run(const Options& o, steady::time_point process_start) {
    log::set_level(o.verbose ? log::Level::Debug : log::Level::Info);
    auto data_dir = find_data_dir(o.data_dir);
    if (!data_dir) {
        log::error("kiosk", "cannot find fonts/kiosk-cjk.ttf; give its folder with --data-dir");
        return 2;
    }
    auto content_dir = o.content.empty() ? *data_dir / "content" : o.content;
    std::shared_ptr<const content::Bundle> bundle;
    if (auto loaded = content::load_bundle(content_dir)) {
        bundle = *loaded;
        for (const auto& p : bundle->problems)
            log::warn("bundle",
                      "bundle " + std::to_string(bundle->manifest.bundle_version) + ": " + p);
        if (bundle->manifest.playlist.empty())
            log::warn("bundle",
                      content_dir.string() + ": nothing playable; showing the fallback screen");
    } else {
        log::error("bundle", loaded.error().message);
        if (o.screenshot)
            return 2;
        bundle = fallback_bundle(*data_dir);
    }

    auto session = platform::SdlSession::start(o.headless ? platform::Video::Headless
                                                          : platform::Video::Window);
    if (!session) {
        if (!o.headless) {
            std::fprintf(stderr, kNoDisplay, session.error().message.c_str());
            return 3;
        }
        log::error("kiosk", session.error().message);
        return 2;
    }
    auto display = platform::Display::open({o.headless, o.windowed, o.size});
    if (!display) {
        if (!o.headless) {
            std::fprintf(stderr, kNoDisplay, display.error().message.c_str());
            return 3;
        }
        log::error("kiosk", display.error().message);
        return 2;
    }
    auto fonts = media::FontSet::open(*data_dir / "fonts" / "kiosk-cjk.ttf");
    if (!fonts) {
        log::error("kiosk", fonts.error().message);
        return 2;
    }

    int code = 0;
    {
        Kiosk kiosk(o, bundle, **display, **fonts, process_start);
        if (o.start_slide) {
            if (auto begun = kiosk.begin_at(*o.start_slide); !begun) {
                log::error("kiosk", begun.error().message);
                return 2;
            }
        }
        if (o.screenshot) {
            auto start = o.clock.value_or(
                std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()));
            auto after =
                std::chrono::duration_cast<Duration>(std::chrono::duration<double>(*o.after_s));
            code = kiosk.screenshot(start, after, *o.screenshot, o.draw_list);
        } else {
            auto clock = o.clock ? std::make_unique<SystemClock>(*o.clock, o.speed)
                                 : std::make_unique<SystemClock>();
            code = kiosk.live(std::move(clock), (*session)->wake_event());
        }
        if (o.stats)
            std::fputs(kiosk.stats().report().c_str(), stdout);
    }
    return code;
}

} // namespace kiosk::app

// Wiring and the main loop. The loop sleeps until the next thing that changes the screen; workers
// wake it through SDL's event queue.
#include "kiosk/app/player_loop.hpp"

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

class Kiosk {
public:
    Kiosk(const Options& o, std::shared_ptr<const content::Bundle> bundle,
          platform::Display& display, const media::FontSet& fonts, steady::time_point process_start)
        : m_options(o), m_bundle(std::move(bundle)), m_display(display), m_fonts(fonts),
          m_loader(&platform::SdlSession::wake), m_renderer(display.renderer(), fonts, m_loader),
          m_show(std::make_unique<ui::Show>(m_bundle, fonts, display.size())),
          m_player(ui::make_player(*m_bundle, o.tags)), m_stats(process_start) {
        m_renderer.set_bundle(m_bundle);
        if (o.play_log) {
            m_play_log = std::make_unique<PlayLog>(*o.play_log, display_id(o),
                                                   m_bundle->manifest.utc_offset);
            m_player.on_played([this](const content::Played& p) {
                m_play_log->slide(m_bundle->manifest.slides[p.slide].id, p.start, p.end,
                                  m_bundle->manifest.bundle_version);
            });
        }
    }

    static std::string display_id(const Options& o) {
        if (!o.display_id.empty())
            return o.display_id;
        char host[256] = {};
        if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0')
            return "display";
        return host;
    }

    Result<void> begin_at(const std::string& slide_id);
    int screenshot(TimePoint start, Duration after, const std::filesystem::path& out,
                   const std::optional<std::filesystem::path>& draw_list);
    int live(std::unique_ptr<Clock> clock, std::uint32_t wake_event);
    const Stats& stats() const { return m_stats; }

private:
    content::Readiness ready(std::size_t slide, bool wait);
    void draw(TimePoint now);

    const Options& m_options;
    std::shared_ptr<const content::Bundle> m_bundle;
    platform::Display& m_display;
    const media::FontSet& m_fonts;
    media::ImageLoader m_loader;
    render::SdlRenderer m_renderer;
    std::unique_ptr<ui::Show> m_show;
    content::Player m_player;
    Stats m_stats;
    std::unique_ptr<PlayLog> m_play_log;
    bool m_missing{false}; // The last frame lacked an image still being decoded.
};

Result<void> Kiosk::begin_at(const std::string& slide_id) {
    const auto& items = m_player.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (m_bundle->manifest.slides[items[i].slide].id == slide_id) {
            m_player.begin_at(i);
            return {};
        }
    }
    return fail("--slide: the playlist has no playable slide \"" + slide_id + "\"");
}

content::Readiness Kiosk::ready(std::size_t slide, bool wait) {
    const auto& s = m_bundle->manifest.slides.at(slide);
    if (s.kind != content::SlideKind::Image)
        return content::Readiness::Ready;
    Size area{m_show->layout().slide.w, m_show->layout().slide.h};
    auto r = m_renderer.image_state(s.asset, area, s.fit);
    while (wait && r == content::Readiness::Pending) {
        m_loader.wait_idle();
        m_renderer.accept_decoded();
        r = m_renderer.image_state(s.asset, area, s.fit);
    }
    if (r == content::Readiness::Broken)
        log::warn("player", "bundle " + std::to_string(m_bundle->manifest.bundle_version) +
                                ": slide " + s.id + ": skipped, its image " + s.asset +
                                " cannot be shown");
    return r;
}

void Kiosk::draw(TimePoint now) {
    auto frame = m_show->frame(m_player, now);
    auto begin = steady::now();
    m_missing = m_renderer.draw(frame) > 0;
    m_renderer.present();
    m_stats.frame(begin, steady::now());
}

int Kiosk::screenshot(TimePoint start, Duration after, const std::filesystem::path& out,
                      const std::optional<std::filesystem::path>& draw_list) {
    auto ready = [this](std::size_t s) { return this->ready(s, true); };
    TimePoint t = start;
    const TimePoint end = start + after;
    m_player.update(t, ready);
    // Step from one change to the next: a simulated week takes a moment, not a week.
    for (;;) {
        TimePoint next = m_show->next_change(m_player, t);
        if (next <= t)
            next = t + Duration{1};
        if (next > end)
            break;
        t = next;
        m_player.update(t, ready);
    }
    m_player.update(end, ready);
    // Everything on the final frame is decoded before it is drawn.
    for (int round = 0; round < 3; ++round) {
        m_renderer.warm(m_show->frame(m_player, end));
        m_loader.wait_idle();
        m_renderer.accept_decoded();
    }
    draw(end);
    m_player.finish(end);
    if (draw_list) {
        std::FILE* f = std::fopen(draw_list->c_str(), "wb");
        std::string text = m_show->frame(m_player, end).to_text();
        if (f == nullptr || std::fwrite(text.data(), 1, text.size(), f) != text.size()) {
            log::error("screenshot", draw_list->string() + ": cannot be written");
            if (f != nullptr)
                std::fclose(f);
            return 2;
        }
        std::fclose(f);
    }
    if (auto saved = m_display.save_png(out); !saved) {
        log::error("screenshot", saved.error().message);
        return 2;
    }
    log::info("screenshot", out.string() + " at " + format_iso(end, m_bundle->manifest.utc_offset));
    return 0;
}

int Kiosk::live(std::unique_ptr<Clock> clock, std::uint32_t wake_event) {
    auto ready = [this](std::size_t s) { return this->ready(s, false); };
    const auto loop_start = steady::now();
    const auto stop_at = m_options.run_for_s
                             ? loop_start + std::chrono::duration_cast<steady::duration>(
                                                std::chrono::duration<double>(*m_options.run_for_s))
                             : steady::time_point::max();
    bool dirty = true;
    TimePoint next_change = TimePoint::min();
    std::optional<std::size_t> shown_current;
    std::optional<std::size_t> shown_previous;
    std::optional<std::size_t> warmed_for;
    for (;;) {
        TimePoint now = clock->now();
        if (m_renderer.accept_decoded() && m_missing)
            dirty = true;
        m_player.update(now, ready);
        if (m_player.current_slide() != shown_current ||
            m_player.previous_slide() != shown_previous)
            dirty = true;
        bool animating = m_player.in_transition(now);
        if (dirty || animating || now >= next_change) {
            draw(now);
            dirty = false;
            shown_current = m_player.current_slide();
            shown_previous = m_player.previous_slide();
            next_change = m_show->next_change(m_player, now);
            animating = m_player.in_transition(now);
            // While the screen is still, get the next slide ready: images decoded, text rendered.
            if (!animating && shown_current && warmed_for != shown_current) {
                if (auto up = m_player.upcoming_slide())
                    m_renderer.warm(m_show->slide_preview(*up, next_change));
                warmed_for = shown_current;
            }
        }

        int timeout_ms = 1000;
        if (animating) {
            timeout_ms = m_display.headless() ? 16 : 1; // A window's present waits for vsync.
        } else if (next_change != TimePoint::max()) {
            auto wait = clock->real_wait(next_change - now);
            timeout_ms = static_cast<int>(std::clamp<long long>(
                std::chrono::duration_cast<std::chrono::milliseconds>(wait).count() + 1, 0,
                60'000));
        }
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(stop_at - steady::now()).count();
        if (stop_at != steady::time_point::max())
            timeout_ms = static_cast<int>(
                std::clamp<long long>(std::min<long long>(timeout_ms, left), 0, 60'000));

        SDL_Event e;
        bool quit = false;
        if (SDL_WaitEventTimeout(&e, timeout_ms) != 0) {
            do {
                if (e.type == SDL_QUIT) {
                    quit = true;
                } else if (e.type == SDL_WINDOWEVENT) {
                    if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                        m_show =
                            std::make_unique<ui::Show>(m_bundle, m_fonts, m_display.refresh_size());
                        warmed_for.reset();
                    }
                    dirty = true;
                } else if ((e.type == SDL_FINGERDOWN || (e.type == SDL_MOUSEBUTTONDOWN &&
                                                         e.button.which != SDL_TOUCH_MOUSEID)) &&
                           m_play_log) {
                    // SDL repeats each touch as a mouse click; only the touch itself counts.
                    auto cur = m_player.current_slide();
                    m_play_log->touch(cur ? m_bundle->manifest.slides[*cur].id : "", clock->now(),
                                      m_bundle->manifest.bundle_version);
                } else if (e.type == SDL_KEYDOWN && m_options.windowed &&
                           e.key.keysym.sym == SDLK_ESCAPE) {
                    quit = true;
                } else if (e.type == wake_event) {
                    // A worker finished; the top of the loop takes its result.
                }
            } while (SDL_PollEvent(&e) != 0);
        }
        if (quit || steady::now() >= stop_at)
            break;
    }
    m_player.finish(clock->now());
    return 0;
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

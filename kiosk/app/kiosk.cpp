// The kiosk's wiring: the ready check, drawing, simulated time and the live loop. The live loop
// sleeps until the next thing that changes the screen; workers wake it through SDL's event queue.
#include "kiosk/app/kiosk.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/platform/sdl_session.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <unistd.h>
#include <utility>

namespace kiosk::app {

using steady = std::chrono::steady_clock;

namespace {

std::set<std::string> objects_of(const content::Bundle& bundle) {
    std::set<std::string> out;
    for (const auto& [name, info] : bundle.manifest.assets)
        out.insert(info.sha256);
    return out;
}

} // namespace

Kiosk::Kiosk(const Options& o, std::shared_ptr<const content::Bundle> bundle,
             platform::Display& display, const media::FontSet& fonts,
             std::chrono::steady_clock::time_point process_start)
    : m_options(o), m_bundle(std::move(bundle)), m_display(display), m_fonts(fonts),
      m_loader(&platform::SdlSession::wake, "/proc/self/exe"),
      m_renderer(display.renderer(), fonts, m_loader),
      m_show(std::make_unique<ui::Show>(m_bundle, fonts, display.size())),
      m_player(ui::make_player(*m_bundle, o.tags)), m_stats(process_start) {
    m_renderer.set_bundle(m_bundle);
    m_stats.enable(o.stats);
    if (o.play_log)
        m_play_log =
            std::make_unique<PlayLog>(*o.play_log, display_id(o), m_bundle->manifest.utc_offset);
    make_player();
}

void Kiosk::make_player() {
    m_player = ui::make_player(*m_bundle, m_options.tags);
    if (m_play_log) {
        m_player.on_played([this](const content::Played& p) {
            m_play_log->slide(m_bundle->manifest.slides[p.slide].id, p.start, p.end,
                              m_bundle->manifest.bundle_version);
        });
    }
}

void Kiosk::attach_sync(sync::SyncEngine& engine, sync::Store& store,
                        std::vector<sync::PublicKey> keys) {
    m_sync = &engine;
    m_store = &store;
    m_keys = std::move(keys);
    m_sync->set_shown_version(m_bundle->manifest.bundle_version);
    m_sync->set_shown_objects(objects_of(*m_bundle));
}

void Kiosk::attach_feed(sync::FeedPoller& feed, Duration lost_after, Duration stale_after) {
    m_feed = &feed;
    ui::LiveResults live;
    live.results = feed.load_kept();
    live.unreachable_after = lost_after;
    live.stale_after = stale_after;
    m_show->set_live(live);
}

void Kiosk::take_feed_update(TimePoint now, bool& dirty) {
    if (m_feed == nullptr)
        return;
    ui::LiveResults live = m_show->live();
    live.last_contact = m_feed->last_contact();
    bool lost =
        live.results && (!live.last_contact || now - *live.last_contact > live.unreachable_after);
    if (lost != m_feed_lost) {
        if (lost)
            log::warn("results",
                      "no answer from the results feed for " +
                          std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                             live.unreachable_after)
                                             .count()) +
                          " s: the boards are marked stale");
        else
            log::info("results", "the results feed answers again");
        m_feed_lost = lost;
    }
    if (auto update = m_feed->take_update()) {
        live.results = update->results;
        live.changed = std::move(update->changed);
        live.changed_at = now;
        m_results_to_report = update->results->sequence;
        dirty = true;
    }
    m_show->set_live(std::move(live));
}

void Kiosk::take_synced_version() {
    if (m_sync == nullptr)
        return;
    auto bundle = m_sync->take_new_bundle();
    if (!bundle)
        return;
    for (const auto& p : bundle->problems)
        log::warn("bundle", "bundle " + std::to_string(bundle->manifest.bundle_version) + ": " + p);
    m_pending = std::move(bundle);
}

void Kiosk::replace_bundle(std::shared_ptr<const content::Bundle> bundle, TimePoint now) {
    m_player.finish(now);
    m_bundle = std::move(bundle);
    m_renderer.set_bundle(m_bundle);
    auto live = m_show->live();
    m_show = std::make_unique<ui::Show>(m_bundle, m_fonts, m_display.size());
    m_show->set_live(std::move(live));
    make_player();
    if (m_sync != nullptr) {
        m_sync->set_shown_version(m_bundle->manifest.bundle_version);
        m_sync->set_shown_objects(objects_of(*m_bundle));
    }
    log::info("player", "now showing bundle " + std::to_string(m_bundle->manifest.bundle_version));
}

std::string Kiosk::display_id(const Options& o) {
    if (!o.display_id.empty())
        return o.display_id;
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0')
        return "display";
    return host;
}

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

void Kiosk::simulate_to(TimePoint end) {
    auto ready = [this](std::size_t s) { return this->ready(s, true); };
    if (!m_sim_time) {
        m_sim_time = end;
        m_player.update(end, ready);
        return;
    }
    TimePoint t = *m_sim_time;
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
    m_sim_time = std::max(end, *m_sim_time);
}

void Kiosk::draw_settled(TimePoint t) {
    // Everything on the frame is decoded before it is drawn.
    for (int round = 0; round < 3; ++round) {
        m_renderer.warm(m_show->frame(m_player, t));
        m_loader.wait_idle();
        m_renderer.accept_decoded();
    }
    draw(t);
}

int Kiosk::screenshot(TimePoint start, Duration after, const std::filesystem::path& out,
                      const std::optional<std::filesystem::path>& draw_list) {
    const TimePoint end = start + after;
    simulate_to(start);
    simulate_to(end);
    draw_settled(end);
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

int Kiosk::live(const Clock& clock, std::uint32_t wake_event) {
    auto ready = [this](std::size_t s) { return this->ready(s, false); };
    const auto loop_start = steady::now();
    const auto stop_at = m_options.run_for_s
                             ? loop_start + std::chrono::duration_cast<steady::duration>(
                                                std::chrono::duration<double>(*m_options.run_for_s))
                             : steady::time_point::max();
    // The first slide's image is still decoding at start: wait for it a little, so the first
    // frame shows content rather than the "preparing" screen (and a slow disk cannot hold the
    // screen black for longer than that).
    m_player.update(clock.now(), ready);
    if (m_player.waiting() && m_loader.wait_idle_for(std::chrono::milliseconds{150}))
        m_renderer.accept_decoded();
    bool dirty = true;
    TimePoint next_change = TimePoint::min();
    std::optional<std::size_t> shown_current;
    std::optional<std::size_t> shown_previous;
    std::optional<TimePoint> warmed_for; // The start of the slide whose successor was warmed.
    for (;;) {
        TimePoint now = clock.now();
        if (m_renderer.accept_decoded() && m_missing)
            dirty = true;
        take_synced_version();
        take_feed_update(now, dirty);
        auto before = m_player.current_start();
        m_player.update(now, ready);
        // A new version goes on at a slide boundary (or at once when nothing is on screen),
        // never in the middle of a slide or a transition.
        if (m_pending && (!m_player.current_slide() || m_player.current_start() != before)) {
            replace_bundle(std::exchange(m_pending, nullptr), now);
            m_player.update(now, ready);
            dirty = true;
            warmed_for.reset();
        }
        if (m_player.current_slide() != shown_current ||
            m_player.previous_slide() != shown_previous)
            dirty = true;
        bool animating = m_player.in_transition(now);
        if (dirty || animating || now >= next_change) {
            draw(now);
            dirty = false;
            // Publish-to-screen latency is measured from this line.
            if (m_results_to_report && m_player.current_slide() &&
                m_bundle->manifest.slides[*m_player.current_slide()].kind ==
                    content::SlideKind::Results) {
                log::info("results", "sequence " + std::to_string(*m_results_to_report) +
                                         " on screen at " +
                                         format_iso_ms(std::chrono::time_point_cast<Duration>(
                                             std::chrono::system_clock::now())));
                m_results_to_report.reset();
            }
            shown_current = m_player.current_slide();
            shown_previous = m_player.previous_slide();
            next_change = m_show->next_change(m_player, now);
            animating = m_player.in_transition(now);
            // While the screen is still, get the next slide ready: images decoded, text rendered.
            if (!animating && shown_current && warmed_for != m_player.current_start()) {
                if (auto up = m_player.upcoming_slide())
                    m_renderer.warm(m_show->slide_preview(*up, next_change));
                warmed_for = m_player.current_start();
            }
        }

        int timeout_ms = 1000;
        if (animating) {
            timeout_ms = m_display.headless() ? 16 : 1; // A window's present waits for vsync.
        } else if (next_change != TimePoint::max()) {
            auto wait = clock.real_wait(next_change - now);
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
                    m_play_log->touch(cur ? m_bundle->manifest.slides[*cur].id : "", clock.now(),
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
    m_player.finish(clock.now());
    return 0;
}

} // namespace kiosk::app

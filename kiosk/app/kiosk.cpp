// The kiosk's wiring: the ready check, drawing, simulated time and the live loop. The live loop
// sleeps until the next thing that changes the screen; workers wake it through SDL's event queue.
#include "kiosk/app/kiosk.hpp"

#include "kiosk/app/admin_status.hpp"
#include "kiosk/app/pacing.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/platform/sdl_session.hpp"
#include "kiosk/platform/system_status.hpp"
#include "kiosk/sync/pin.hpp"

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
      m_renderer(display.renderer(), fonts, m_loader, render::budgets_for(display.size())),
      m_show(std::make_unique<ui::Show>(m_bundle, fonts, display.size())),
      m_player(content::make_player(*m_bundle, o.tags)), m_stats(process_start) {
    m_renderer.set_bundle(m_bundle);
    m_stats.enable(o.stats);
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(display.renderer(), &info) == 0 && info.name != nullptr)
        m_stats.set_renderer(info.name);
    if (o.play_log)
        m_play_log =
            std::make_unique<PlayLog>(*o.play_log, display_id(o), m_bundle->manifest.utc_offset);
    make_player();
    configure_touch(TouchConfig{}, "");
}

std::vector<std::size_t> Kiosk::slides_for_display() const {
    // What browsing offers: the slides this display plays, in the bundle's order.
    auto schedule = content::make_schedule(*m_bundle, m_options.tags);
    std::vector<std::size_t> out;
    for (const auto* list : {&schedule.playlist, &schedule.notices})
        for (const auto& item : *list)
            out.push_back(item.slide);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void Kiosk::configure_touch(const TouchConfig& touch, std::string channel) {
    m_channel = std::move(channel);
    if (!touch.enabled) {
        m_browser.reset();
        m_gestures.reset();
        return;
    }
    ui::BrowseSettings b;
    b.idle = touch.idle;
    b.px_per_mm = ui::ScreenPhysical{touch.screen_diagonal_in}.px_per_mm(m_display.size());
    b.admin_corner = ui::parse_corner(touch.admin_corner).value_or(ui::Corner::TopLeft);
    b.admin_hold = touch.admin_hold;
    b.admin_enabled = !touch.admin_pin.empty();
    b.slides = slides_for_display();
    ui::GestureSettings g;
    g.px_per_mm = b.px_per_mm;
    g.holds = {std::chrono::milliseconds{800}, b.admin_hold};
    m_gestures.emplace(g);
    m_browser = std::make_unique<ui::Browser>(b, m_bundle, m_fonts, m_display.size());
    m_browser->set_live(&m_show->live());
    std::string pin = touch.admin_pin;
    m_browser->set_pin_check([pin](const std::string& entered) {
        return !pin.empty() && sync::verify_pin(entered, pin);
    });
    m_browser->set_status([this] {
        StatusInputs in;
        in.display_id = display_id(m_options);
        in.bundle_version = m_bundle->manifest.bundle_version;
        in.channel = m_channel;
        if (m_sync != nullptr)
            in.sync = m_sync->status();
        in.uptime = steady::now() - m_stats.process_start();
        in.now = m_now;
        in.utc_offset = m_bundle->manifest.utc_offset;
        in.expired_at = expired_at(m_now);
        in.addresses = platform::network_addresses();
        in.version = KIOSK_VERSION;
        in.skipped_slides = m_guard.skipped_slides();
        return status_lines(in);
    });
}

void Kiosk::make_player() {
    m_player = content::make_player(*m_bundle, m_options.tags);
    if (m_play_log) {
        m_player.on_played([this](const content::Played& p) {
            m_play_log->slide(m_bundle->manifest.slides[p.slide].id, p.start, p.end,
                              bundle_label());
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
    // Silence counts from the start of this run: a feed kept from the last one is not "lost"
    // before the server had the time to answer.
    if (!m_feed_since)
        m_feed_since = now;
    if (!live.last_contact)
        live.last_contact = m_feed_since; // For the board's "feed lost" badge as well.
    bool lost = live.results && now - *live.last_contact > live.unreachable_after;
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

std::string Kiosk::bundle_label() const {
    if (m_waiting)
        return "";
    std::string v = std::to_string(m_bundle->manifest.bundle_version);
    return m_sync != nullptr && !m_channel.empty() ? m_channel + "/" + v : v;
}

void Kiosk::wait_for_channel(std::string server) {
    m_waiting = true;
    m_waiting_server = std::move(server);
    m_waiting_lines.clear();
}

void Kiosk::update_waiting(bool& dirty) {
    if (!m_waiting)
        return;
    std::vector<std::string> lines{"等待频道内容 · waiting for the channel's content",
                                   "显示屏 display: " + display_id(m_options),
                                   "服务器 server: " + m_waiting_server,
                                   "频道 channel: " + m_channel};
    if (m_sync != nullptr) {
        auto st = m_sync->status();
        if (st.key_untrusted)
            lines.push_back("密钥不受信任 · the channel is signed with a key not trusted here");
        else
            lines.push_back(st.activity);
        if (!st.last_error.empty() && !st.key_untrusted)
            lines.push_back(st.last_error);
    }
    if (lines == m_waiting_lines)
        return;
    m_waiting_lines = lines;
    m_show->set_waiting(std::move(lines));
    dirty = true;
}

void Kiosk::note_expiry(TimePoint now) {
    // The version on screen stays (the last good content) past its expiry, but says so: one log
    // line, the admin screen and the fleet status.
    const auto& expires = m_bundle->manifest.expires;
    bool expired = !m_waiting && expires && now >= *expires;
    if (expired && m_expired_noted != m_bundle->manifest.bundle_version)
        log::warn("player", "bundle " + bundle_label() + ": content expired at " +
                                format_iso(*expires, m_bundle->manifest.utc_offset) +
                                "; still shown, as the last good content");
    m_expired_noted = expired ? m_bundle->manifest.bundle_version : 0;
}

std::optional<TimePoint> Kiosk::expired_at(TimePoint now) const {
    const auto& expires = m_bundle->manifest.expires;
    if (m_waiting || !expires || now < *expires)
        return std::nullopt;
    return expires;
}

void Kiosk::replace_bundle(std::shared_ptr<const content::Bundle> bundle, TimePoint now) {
    m_waiting = false;
    auto on_screen = m_player.current_slide();
    std::string was_on = on_screen ? m_bundle->manifest.slides[*on_screen].id : "";
    m_player.finish(now);
    m_bundle = std::move(bundle);
    m_guard.set_bundle(guard_key());
    m_renderer.set_bundle(m_bundle);
    auto live = m_show->live();
    m_show = std::make_unique<ui::Show>(m_bundle, m_fonts, m_display.size());
    m_show->set_live(std::move(live));
    make_player();
    if (m_browser) {
        m_browser->set_bundle(m_bundle, slides_for_display());
        m_browser->set_live(&m_show->live());
    }
    continue_after(was_on);
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

void Kiosk::continue_after(const std::string& slide_id) {
    // A new version goes on where the playlist was, not from its start: with versions published
    // often, the slides at the end of a long playlist would otherwise never come round.
    const auto& items = m_player.items();
    for (std::size_t i = 0; i < items.size(); ++i)
        if (m_bundle->manifest.slides[items[i].slide].id == slide_id) {
            m_player.begin_at((i + 1) % items.size());
            return;
        }
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

void Kiosk::guard_slides(std::filesystem::path file, std::string channel) {
    m_guard = SlideGuard(std::move(file));
    m_guard_channel = std::move(channel);
    m_guard.set_bundle(guard_key());
}

std::string Kiosk::guard_key() const {
    std::string key = m_guard_channel.empty() ? "local content" : "channel " + m_guard_channel;
    key += " version " + std::to_string(m_bundle->manifest.bundle_version);
    if (!m_bundle->content_addressed)
        key += " from " + m_bundle->root.string();
    return key;
}

content::Readiness Kiosk::ready(std::size_t slide, bool wait) {
    const auto& s = m_bundle->manifest.slides.at(slide);
    // A slide the program died in twice is left out (its one log line came at start); any other
    // is noted before its pictures are asked for.
    if (!m_guard.entering(s.id))
        return content::Readiness::Broken;
    if (s.kind != content::SlideKind::Image)
        return content::Readiness::Ready;
    Size area{m_show->layout().slide.w, m_show->layout().slide.h};
    // Simulated time passes many slide boundaries between two frames: an image that decoded once
    // is known to be good, and the image cache need not keep it.
    if (wait && m_renderer.decoded_before(s.asset, area, s.fit))
        return content::Readiness::Ready;
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

ui::DrawList Kiosk::compose(TimePoint now) const {
    if (!m_browser || !m_browser->visible())
        return m_show->frame(m_player, now);
    double p = m_browser->opacity(now);
    ui::DrawList list;
    if (p < 1.0)
        list = m_show->frame(m_player, now);
    list.screen = m_show->layout().screen;
    // Fading in or out, the browsing screen is one picture over the slideshow.
    auto layer = p < 1.0 ? ui::begin_layer(list, {0, 0, list.screen.w, list.screen.h}, p) : 0;
    ui::Canvas cv(list);
    m_browser->paint(cv, now);
    if (p < 1.0)
        ui::end_layer(list, layer);
    return list;
}

void Kiosk::lay_out_for(Size screen) {
    auto live = m_show->live();
    m_show = std::make_unique<ui::Show>(m_bundle, m_fonts, screen);
    m_show->set_live(std::move(live));
    if (m_waiting)
        m_show->set_waiting(m_waiting_lines);
    if (m_browser) {
        m_browser->set_screen(screen);
        m_browser->set_live(&m_show->live());
    }
}

void Kiosk::show_window() {
    const Size opened_at = m_display.size();
    m_display.show();
    if (m_display.size() != opened_at)
        lay_out_for(m_display.size());
}

void Kiosk::draw(TimePoint now) {
    m_now = now;
    // Laying out and drawing a slide's first frame are among its risky steps.
    std::optional<std::string> current;
    if (auto cur = m_player.current_slide(); cur && !m_dark) {
        current = m_bundle->manifest.slides[*cur].id;
        if (!m_guard.entering(*current))
            current.reset(); // Never shown: the player skips it.
    }
    // Outside the on-hours the screen is black.
    auto frame = m_dark ? ui::DrawList{m_display.size(), {}} : compose(now);
    platform::FrameKind kind = platform::FrameKind::Change;
    if (m_stats.enabled()) {
        // Only with --stats: comparing frames as text costs a little on every frame.
        std::string text = frame.to_text();
        bool moving = m_player.in_transition(now) || (m_browser && m_browser->animating(now));
        kind = platform::classify_frame(moving, m_exposed, text == m_last_frame, m_missing);
        m_last_frame = std::move(text);
    }
    if (m_exposed)
        m_renderer.invalidate();
    m_exposed = false;
    auto begin = steady::now();
    m_missing = m_renderer.draw(frame) > 0;
    if (current && !m_missing)
        m_guard.shown(*current);
    before_present(now);
    m_display.present(); // Turned when the screen is mounted rotated.
    m_stats.frame(begin, steady::now(), kind);
    m_stats.set_partial_frames(m_renderer.partial_frames());
    after_present();
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
        m_renderer.warm(compose(t));
        m_loader.wait_idle();
        m_renderer.accept_decoded();
    }
    draw(t);
}

Result<void> Kiosk::draw_slide_alone(const std::string& slide_id, TimePoint at) {
    const auto& slides = m_bundle->manifest.slides;
    auto it = std::find_if(slides.begin(), slides.end(),
                           [&](const content::Slide& s) { return s.id == slide_id; });
    if (it == slides.end())
        return fail("the bundle has no slide \"" + slide_id + "\"");
    auto frame = m_show->slide_alone(static_cast<std::size_t>(it - slides.begin()), at);
    for (int round = 0; round < 3; ++round) {
        m_renderer.warm(frame);
        m_loader.wait_idle();
        m_renderer.accept_decoded();
    }
    m_renderer.invalidate();
    m_renderer.draw(frame);
    m_display.present();
    return {};
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

void Kiosk::apply(ui::Effect effect, bool& quit) {
    if (effect == ui::Effect::Exit) {
        m_exit_status = 0;
        quit = true;
    } else if (effect == ui::Effect::Restart) {
        m_exit_status = kRestartStatus;
        quit = true;
    }
}

void Kiosk::update_browser(TimePoint now, bool& quit) {
    if (!m_browser)
        return;
    for (const auto& g : m_gestures->tick(now))
        apply(m_browser->on_gesture(g, now), quit);
    // Nothing is browsed over an emergency notice, or at night with the screen off.
    m_browser->update(now, m_player.emergency() || m_dark);
}

void Kiosk::handle_event(const SDL_Event& e, TimePoint now, bool& quit) {
    if (m_browser) {
        if (auto p = m_pointer.read(e, m_display.size(), now)) {
            if (p->kind == ui::PointerEvent::Kind::Down && m_play_log) {
                auto cur = m_player.current_slide();
                std::string where = m_browser->visible() ? std::string("browse:") +
                                                               ui::screen_name(m_browser->screen())
                                    : cur ? m_bundle->manifest.slides[*cur].id
                                          : "";
                m_play_log->touch(where, now, bundle_label());
            }
            for (const auto& g : m_gestures->feed(*p))
                apply(m_browser->on_gesture(g, now), quit);
            return;
        }
    } else if (m_play_log && (e.type == SDL_FINGERDOWN || (e.type == SDL_MOUSEBUTTONDOWN &&
                                                           e.button.which != SDL_TOUCH_MOUSEID))) {
        // SDL repeats each touch as a mouse click; only the touch itself counts.
        auto cur = m_player.current_slide();
        m_play_log->touch(cur ? m_bundle->manifest.slides[*cur].id : "", now, bundle_label());
    }
    switch (platform::lockdown(e, m_options.windowed)) {
    case platform::Request::Quit:
        quit = true;
        return;
    case platform::Request::Raise:
        // Kiosk mode: the window takes the screen and the keyboard back.
        if (SDL_Window* w = m_display.window()) {
            SDL_RestoreWindow(w);
            SDL_RaiseWindow(w);
            SDL_SetWindowKeyboardGrab(w, SDL_TRUE);
        }
        log::info("platform::lockdown", "the window lost focus or was hidden: raised again");
        return;
    case platform::Request::None:
        break;
    }
    if (e.type == SDL_KEYDOWN && !m_options.windowed) {
        std::string key = platform::describe_key(e.key);
        if (!m_keys_noted)
            log::info("platform::lockdown", "kiosk mode ignores every key (first: " + key + ")");
        else
            log::debug("platform::lockdown", "ignored " + key);
        m_keys_noted = true;
    } else if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE &&
               !m_options.windowed) {
        log::info("platform::lockdown", "a request to close the window was ignored");
    }
}

int Kiosk::live(const Clock& clock, std::uint32_t wake_event) {
    auto ready = [this](std::size_t s) { return this->ready(s, false); };
    if (!m_options.windowed) {
        if (SDL_Window* w = m_display.window())
            SDL_SetWindowKeyboardGrab(w, SDL_TRUE);
    }
    const auto loop_start = steady::now();
    const auto stop_at = m_options.run_for_s
                             ? loop_start + std::chrono::duration_cast<steady::duration>(
                                                std::chrono::duration<double>(*m_options.run_for_s))
                             : steady::time_point::max();
    // The first slide's image is asked for, then the window shown while it decodes (showing a
    // fullscreen window takes the display server a while). If it is still decoding after that,
    // it is waited for a little, so the first frame shows content rather than the "preparing"
    // screen (and a slow disk cannot hold the screen black for longer than that).
    if (!m_dark)
        m_player.update(clock.now(), ready);
    show_window();
    // From here on SIGTERM and SIGINT end the loop cleanly (what a test or systemd waits for).
    log::info("kiosk", "playing bundle " + std::to_string(m_bundle->manifest.bundle_version) +
                           " on " + std::to_string(m_display.size().w) + "x" +
                           std::to_string(m_display.size().h));
    if (m_player.waiting() && m_loader.wait_idle_for(std::chrono::milliseconds{150}))
        m_renderer.accept_decoded();
    bool dirty = true;
    bool quit = false;
    TimePoint next_change = TimePoint::min();
    std::optional<std::size_t> shown_current;
    std::optional<std::size_t> shown_previous;
    std::uint64_t shown_browse = 0;
    // The start of the slide whose successor was warmed (min: none yet).
    TimePoint warmed_for = TimePoint::min();
    TimePoint layered_for = TimePoint::min(); // The same, for the crossfade layer drawn ahead.
    steady::time_point last_draw{};
    for (;;) {
        TimePoint now = clock.now();
        // Counted before the new version is taken: what the last counted poll brought is in.
        const std::uint64_t polled = m_sync != nullptr ? m_sync->status().polls : 0;
        tend(now, dirty); // Night schedule, watchdog, fleet view (kiosk_unattended.cpp).
        if (m_renderer.accept_decoded() && m_missing)
            dirty = true;
        take_synced_version();
        update_waiting(dirty);
        note_expiry(now);
        take_feed_update(now, dirty);
        auto before = m_player.current_start();
        if (!m_dark)
            m_player.update(now, ready);
        // A new version goes on at a slide boundary (or at once when nothing is on screen),
        // never in the middle of a slide or a transition.
        if (m_pending && (!m_player.current_slide() || m_player.current_start() != before)) {
            replace_bundle(std::exchange(m_pending, nullptr), now);
            if (!m_dark)
                m_player.update(now, ready);
            dirty = true;
            warmed_for = TimePoint::min();
            layered_for = TimePoint::min();
        }
        if (m_steps != nullptr)
            m_steps->tend(now, m_player.waiting());
        update_browser(now, quit);
        if (quit || run_done(now, polled))
            break;
        // Under an opaque browsing screen the slideshow's changes are not seen.
        bool covered = m_browser && m_browser->visible() && m_browser->opacity(now) >= 1.0;
        if (!covered && (m_player.current_slide() != shown_current ||
                         m_player.previous_slide() != shown_previous))
            dirty = true;
        if (m_browser && m_browser->revision() != shown_browse)
            dirty = true;
        auto animating_at = [&](TimePoint t) {
            return (m_browser && m_browser->animating(t)) ||
                   (!covered && m_player.in_transition(t));
        };
        bool animating = animating_at(now);
        // A worker waking the loop mid-transition does not bring the next frame forward. The
        // browsing screens fade like a crossfade.
        const auto interval =
            m_player.in_transition(now) && !covered
                ? transition_frame_interval(m_player.transition(), m_display.frame_interval())
                : transition_frame_interval(content::Transition::Fade, m_display.frame_interval());
        bool frame_due = steady::now() >= last_draw + interval;
        if (dirty || (animating && frame_due) || now >= next_change) {
            last_draw = steady::now();
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
            if (m_browser)
                shown_browse = m_browser->revision();
            next_change = m_show->next_change(m_player, now);
            if (m_browser)
                next_change = std::min(next_change, m_browser->next_change(now));
            animating = animating_at(now);
            // While the screen is still, get the next slide ready: images decoded, text rendered.
            if (!animating && shown_current && warmed_for != m_player.current_start()) {
                auto up = m_player.upcoming_slide();
                if (up && m_guard.entering(m_bundle->manifest.slides[*up].id))
                    m_renderer.warm(m_show->slide_preview(*up, next_change));
                warmed_for = m_player.current_start();
            }
        }
        // A crossfade's incoming slide is drawn once its images are in: its first frame is then
        // as quick as the rest.
        if (!animating && !m_dark && shown_current && layered_for != m_player.current_start()) {
            auto up = m_player.upcoming_slide();
            if (!up || m_bundle->manifest.slides[*up].transition != content::Transition::Fade ||
                !m_guard.entering(m_bundle->manifest.slides[*up].id) ||
                m_renderer.prepare_layer(m_show->slide_preview(*up, next_change),
                                         m_show->layout().slide))
                layered_for = m_player.current_start();
        }
        TimePoint wake_at = next_change;
        if (m_options.run_until)
            wake_at = std::min(wake_at, *m_options.run_until);
        if (m_gestures)
            if (auto d = m_gestures->deadline())
                wake_at = std::min(wake_at, *d);

        int timeout_ms = 1000;
        if (animating) {
            // The next transition frame one interval after the last one began, and no sooner:
            // without vsync (software rendering, a virtual screen, headless) the loop would
            // otherwise draw as fast as the CPU allows. A present that waits for vsync has
            // already used up a refresh interval, so this adds no delay there.
            auto due = last_draw + interval - steady::now();
            timeout_ms = static_cast<int>(std::clamp<long long>(
                std::chrono::ceil<std::chrono::milliseconds>(due).count(), 0, 1000));
        } else if (wake_at != TimePoint::max()) {
            auto wait = clock.real_wait(wake_at - now);
            timeout_ms = static_cast<int>(std::clamp<long long>(
                std::chrono::duration_cast<std::chrono::milliseconds>(wait).count() + 1, 0,
                60'000));
        }
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(stop_at - steady::now()).count();
        if (stop_at != steady::time_point::max())
            timeout_ms = static_cast<int>(
                std::clamp<long long>(std::min<long long>(timeout_ms, left), 0, 60'000));

        timeout_ms = std::min(timeout_ms, unattended_wait_ms(now));
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, timeout_ms) != 0) {
            do {
                if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                    lay_out_for(m_display.refresh_size());
                    warmed_for = TimePoint::min();
                    layered_for = TimePoint::min();
                }
                // Focus, pointer and move events change nothing on the screen.
                if (e.type == SDL_WINDOWEVENT &&
                    platform::window_event_needs_redraw(e.window.event)) {
                    dirty = true;
                    m_exposed = true;
                }
                if (e.type != wake_event) // A worker finished: the top of the loop takes it.
                    handle_event(e, clock.now(), quit);
            } while (SDL_PollEvent(&e) != 0);
        }
        if (quit || steady::now() >= stop_at)
            break;
    }
    m_player.finish(clock.now());
    return m_exit_status;
}

bool Kiosk::run_done(TimePoint now, std::uint64_t polled) const {
    if (m_options.run_until && now >= *m_options.run_until)
        return true;
    // Polled enough, and what the polls brought is on screen (a version waits for a slide's end).
    return m_options.polls && m_sync != nullptr &&
           polled >= static_cast<std::uint64_t>(*m_options.polls) && !m_pending;
}

int Kiosk::replay(TimePoint start, const std::vector<ReplayStep>& steps) {
    using K = ReplayStep::Kind;
    auto ready = [this](std::size_t s) { return this->ready(s, true); };
    show_window();
    TimePoint now = start;
    m_player.update(now, ready);
    bool quit = false;
    int failures = 0;
    auto failed = [&](const ReplayStep& s, const std::string& what) {
        log::error("replay", "line " + std::to_string(s.line) + ": " + what);
        ++failures;
    };
    // Simulated time moves from one change to the next: the player's, the browser's, a hold.
    auto advance = [&](TimePoint to) {
        for (;;) {
            TimePoint next = m_show->next_change(m_player, now);
            if (m_browser)
                next = std::min(next, m_browser->next_change(now));
            if (m_gestures)
                if (auto d = m_gestures->deadline())
                    next = std::min(next, *d);
            if (next <= now)
                next = now + Duration{1};
            if (next > to || quit)
                break;
            now = next;
            m_player.update(now, ready);
            update_browser(now, quit);
        }
        now = std::max(now, to);
        m_player.update(now, ready);
        update_browser(now, quit);
    };
    const Size screen = m_display.size();
    const Uint32 window_id = m_display.window() ? SDL_GetWindowID(m_display.window()) : 0;
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
        m_now = now;
        ReplayPoint at = step.at;
        if (!at.target.empty()) {
            std::optional<ui::Target> found;
            if (m_browser)
                for (const auto& target : m_browser->targets(now))
                    if (target.name == at.target) {
                        found = target;
                        break;
                    }
            if (!found) {
                failed(step, "no touch target \"" + at.target + "\" on the " +
                                 (m_browser ? ui::screen_name(m_browser->screen()) : "slideshow") +
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
            draw_settled(now);
            if (auto saved = m_display.save_png(step.arg); !saved)
                failed(step, saved.error().message);
            break;
        }
        case K::Targets: {
            std::string text;
            if (m_browser)
                for (const auto& target : m_browser->targets(now))
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
            std::string shown = m_player.emergency() ? "emergency"
                                : m_browser          ? ui::screen_name(m_browser->screen())
                                                     : "slideshow";
            if (shown != step.arg)
                failed(step,
                       "expected the " + step.arg + " screen, the " + shown + " screen is showing");
            break;
        }
        case K::ExpectItem: {
            int shown = m_browser ? m_browser->item() + 1 : 0;
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
            handle_event(got, now, quit);
        update_browser(now, quit);
    }
    m_player.finish(now);
    log::info("replay", std::to_string(steps.size()) + " steps played to " +
                            format_iso(now, m_bundle->manifest.utc_offset) + ", " +
                            std::to_string(failures) + " failed");
    if (failures > 0)
        return 1;
    return m_exit_status;
}

} // namespace kiosk::app

// The engine: readiness of slides, frames drawn and presented, the next slide made ready ahead.
#include "kiosk/engine/engine.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/platform/sdl_session.hpp"

namespace kiosk::engine {

using steady = std::chrono::steady_clock;

Engine::Engine(std::shared_ptr<const content::Bundle> bundle, platform::Display& display,
               const media::FontSet& fonts, EngineSettings settings)
    : m_display(display), m_fonts(fonts), m_loader(&platform::SdlSession::wake, "/proc/self/exe"),
      m_renderer(display.renderer(), fonts, m_loader, render::budgets_for(display.size())),
      m_stage(bundle, fonts, display.size(), std::move(settings.tags)),
      m_stats(settings.process_start) {
    m_renderer.set_bundle(std::move(bundle));
    m_stats.enable(settings.stats);
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(display.renderer(), &info) == 0 && info.name != nullptr)
        m_stats.set_renderer(info.name);
}

void Engine::set_bundle(std::shared_ptr<const content::Bundle> bundle, TimePoint now) {
    m_renderer.set_bundle(bundle);
    m_stage.set_bundle(std::move(bundle), now);
}

void Engine::set_screen(Size screen) {
    m_stage.set_screen(screen);
}

void Engine::show_window() {
    const Size opened_at = m_display.size();
    m_display.show();
    if (m_display.size() != opened_at)
        set_screen(m_display.size());
}

content::Readiness Engine::ready(std::size_t slide, bool wait) {
    const auto& bundle = m_stage.bundle();
    const auto& s = bundle.manifest.slides.at(slide);
    // A slide the program died in twice is left out (its one log line came at start); any other
    // is noted before its pictures are asked for.
    if (!m_guard.entering(s.id))
        return content::Readiness::Broken;
    if (s.kind != content::SlideKind::Image)
        return content::Readiness::Ready;
    Size area{m_stage.layout().slide.w, m_stage.layout().slide.h};
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
        log::warn("player", "bundle " + std::to_string(bundle.manifest.bundle_version) +
                                ": slide " + s.id + ": skipped, its image " + s.asset +
                                " cannot be shown");
    return r;
}

bool Engine::take_decoded() {
    return m_renderer.accept_decoded();
}

void Engine::wait_for_decoder(std::chrono::milliseconds limit) {
    if (m_loader.wait_idle_for(limit))
        m_renderer.accept_decoded();
}

void Engine::draw(TimePoint now, bool dark, bool exposed) {
    m_now = now;
    const auto& player = m_stage.player();
    // Laying out and drawing a slide's first frame are among its risky steps.
    std::optional<std::string> current;
    if (auto cur = player.current_slide(); cur && !dark) {
        current = m_stage.bundle().manifest.slides[*cur].id;
        if (!m_guard.entering(*current))
            current.reset(); // Never shown: the player skips it.
    }
    // Outside the on-hours the screen is black.
    auto frame = dark ? ui::DrawList{m_display.size(), {}} : m_stage.frame(now);
    platform::FrameKind kind = platform::FrameKind::Change;
    if (m_stats.enabled()) {
        // Only with --stats: comparing frames as text costs a little on every frame.
        std::string text = frame.to_text();
        bool moving = player.in_transition(now) ||
                      (m_stage.browser() != nullptr && m_stage.browser()->animating(now));
        kind = platform::classify_frame(moving, exposed, text == m_last_frame, m_missing);
        m_last_frame = std::move(text);
    }
    if (exposed)
        m_renderer.invalidate();
    auto begin = steady::now();
    m_missing = m_renderer.draw(frame) > 0;
    if (current && !m_missing)
        m_guard.shown(*current);
    if (before_present)
        before_present(now);
    m_display.present(); // Turned when the screen is mounted rotated.
    m_stats.frame(begin, steady::now(), kind);
    m_stats.set_partial_frames(m_renderer.partial_frames());
    if (after_present)
        after_present();
}

void Engine::warm_upcoming(TimePoint at) {
    auto up = m_stage.player().upcoming_slide();
    if (up && m_guard.entering(m_stage.bundle().manifest.slides[*up].id))
        m_renderer.warm(m_stage.slide_preview(*up, at));
}

bool Engine::prepare_layer(TimePoint at) {
    auto up = m_stage.player().upcoming_slide();
    if (!up)
        return true;
    const auto& slide = m_stage.bundle().manifest.slides[*up];
    // Only a crossfade lays the incoming slide over the screen as one picture.
    if (slide.transition != content::Transition::Fade || !m_guard.entering(slide.id))
        return true;
    return m_renderer.prepare_layer(m_stage.slide_preview(*up, at), m_stage.layout().slide);
}

} // namespace kiosk::engine

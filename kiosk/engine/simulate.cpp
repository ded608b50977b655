// Simulated time: the schedule played from one change to the next as fast as it can, decoders
// waited for, for screenshots, previews and replays.
#include "kiosk/core/log.hpp"
#include "kiosk/engine/engine.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk::engine {

void Engine::simulate_to(TimePoint end) {
    auto ready = ready_fn(true);
    if (!m_sim_time) {
        m_sim_time = end;
        m_stage.update(end, ready);
        return;
    }
    TimePoint t = *m_sim_time;
    // Step from one change to the next: a simulated week takes a moment, not a week.
    for (;;) {
        TimePoint next = m_stage.next_change(t);
        if (next <= t)
            next = t + Duration{1};
        if (next > end)
            break;
        t = next;
        m_stage.update(t, ready);
    }
    m_stage.update(end, ready);
    m_sim_time = std::max(end, *m_sim_time);
}

void Engine::draw_settled(TimePoint t) {
    // Everything on the frame is decoded before it is drawn.
    for (int round = 0; round < 3; ++round) {
        m_renderer.warm(m_stage.frame(t));
        m_loader.wait_idle();
        m_renderer.accept_decoded();
    }
    draw(t, false);
}

Result<void> Engine::draw_slide_alone(const std::string& slide_id, TimePoint at) {
    const auto& slides = m_stage.bundle().manifest.slides;
    auto it = std::find_if(slides.begin(), slides.end(),
                           [&](const content::Slide& s) { return s.id == slide_id; });
    if (it == slides.end())
        return fail("the bundle has no slide \"" + slide_id + "\"");
    auto frame = m_stage.slide_alone(static_cast<std::size_t>(it - slides.begin()), at);
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

int Engine::screenshot(TimePoint start, Duration after, const std::filesystem::path& out,
                       const std::optional<std::filesystem::path>& draw_list) {
    const TimePoint end = start + after;
    simulate_to(start);
    simulate_to(end);
    draw_settled(end);
    m_stage.finish(end);
    if (draw_list) {
        std::FILE* f = std::fopen(draw_list->c_str(), "wb");
        std::string text = m_stage.frame(end).to_text();
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
    log::info("screenshot",
              out.string() + " at " + format_iso(end, m_stage.bundle().manifest.utc_offset));
    return 0;
}

} // namespace kiosk::engine

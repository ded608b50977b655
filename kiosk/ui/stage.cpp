// The stage: the slideshow and the browsing screens over it, composed into one frame.
#include "kiosk/ui/stage.hpp"

#include <algorithm>

namespace kiosk::ui {

Stage::Stage(std::shared_ptr<const content::Bundle> bundle, const text::Metrics& metrics,
             Size screen, std::vector<std::string> tags)
    : m_bundle(std::move(bundle)), m_metrics(metrics), m_tags(std::move(tags)),
      m_show(std::make_unique<Show>(m_bundle, metrics, screen)),
      m_player(content::make_player(*m_bundle, m_tags)) {}

std::vector<std::size_t> Stage::slides_for_display() const {
    // What browsing offers: the slides this display plays, in the bundle's order.
    auto schedule = content::make_schedule(*m_bundle, m_tags);
    std::vector<std::size_t> out;
    for (const auto* list : {&schedule.playlist, &schedule.notices})
        for (const auto& item : *list)
            out.push_back(item.slide);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void Stage::enable_touch(TouchSettings touch) {
    touch.browse.slides = slides_for_display();
    m_gestures.emplace(touch.gestures);
    m_browser = std::make_unique<Browser>(touch.browse, m_bundle, m_metrics, layout().screen);
    m_browser->set_live(&m_live);
    m_browser->set_pin_check(std::move(touch.check_pin));
    m_browser->set_status(std::move(touch.status));
}

void Stage::disable_touch() {
    m_browser.reset();
    m_gestures.reset();
}

void Stage::make_player() {
    m_player = content::make_player(*m_bundle, m_tags);
    if (m_played)
        m_player.on_played(m_played);
}

void Stage::on_played(content::Player::PlayedFn played) {
    m_played = std::move(played);
    m_player.on_played(m_played);
}

void Stage::restart_schedule() {
    make_player();
}

void Stage::set_bundle(std::shared_ptr<const content::Bundle> bundle, TimePoint now) {
    auto on_screen = m_player.current_slide();
    std::string was_on = on_screen ? m_bundle->manifest.slides[*on_screen].id : "";
    m_player.finish(now);
    m_bundle = std::move(bundle);
    m_show = std::make_unique<Show>(m_bundle, m_metrics, layout().screen);
    m_show->set_live(m_live);
    m_show->set_waiting(m_waiting);
    make_player();
    if (m_browser)
        m_browser->set_bundle(m_bundle, slides_for_display());
    // A new version goes on where the playlist was, not from its start: with versions published
    // often, the slides at the end of a long playlist would otherwise never come round.
    const auto& items = m_player.items();
    for (std::size_t i = 0; i < items.size(); ++i)
        if (m_bundle->manifest.slides[items[i].slide].id == was_on) {
            m_player.begin_at((i + 1) % items.size());
            break;
        }
}

void Stage::set_screen(Size screen) {
    m_show = std::make_unique<Show>(m_bundle, m_metrics, screen);
    m_show->set_live(m_live);
    m_show->set_waiting(m_waiting);
    if (m_browser)
        m_browser->set_screen(screen);
}

void Stage::set_live(LiveResults live) {
    m_live = std::move(live);
    m_show->set_live(m_live);
}

void Stage::set_waiting(std::vector<std::string> lines) {
    m_waiting = std::move(lines);
    m_show->set_waiting(m_waiting);
}

Result<void> Stage::begin_at(const std::string& slide_id) {
    const auto& items = m_player.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (m_bundle->manifest.slides[items[i].slide].id == slide_id) {
            m_player.begin_at(i);
            return {};
        }
    }
    return fail("--slide: the playlist has no playable slide \"" + slide_id + "\"");
}

Effect Stage::pointer(const PointerEvent& e, TimePoint now) {
    Effect effect = Effect::None;
    if (!m_browser)
        return effect;
    for (const auto& g : m_gestures->feed(e))
        if (Effect x = m_browser->on_gesture(g, now); x != Effect::None)
            effect = x;
    return effect;
}

Effect Stage::tick(TimePoint now, bool dark) {
    Effect effect = Effect::None;
    if (!m_browser)
        return effect;
    for (const auto& g : m_gestures->tick(now))
        if (Effect x = m_browser->on_gesture(g, now); x != Effect::None)
            effect = x;
    // Nothing is browsed over an emergency notice, or at night with the screen off.
    m_browser->update(now, m_player.emergency() || dark);
    return effect;
}

std::optional<TimePoint> Stage::input_deadline() const {
    return m_gestures ? m_gestures->deadline() : std::nullopt;
}

DrawList Stage::frame(TimePoint now) const {
    if (!m_browser || !m_browser->visible())
        return m_show->frame(m_player, now);
    double p = m_browser->opacity(now);
    DrawList list;
    if (p < 1.0)
        list = m_show->frame(m_player, now);
    list.screen = layout().screen;
    // Fading in or out, the browsing screen is one picture over the slideshow.
    auto layer = p < 1.0 ? begin_layer(list, {0, 0, list.screen.w, list.screen.h}, p) : 0;
    Canvas cv(list);
    m_browser->paint(cv, now);
    if (p < 1.0)
        end_layer(list, layer);
    return list;
}

TimePoint Stage::next_change(TimePoint now) const {
    TimePoint t = m_show->next_change(m_player, now);
    if (m_browser)
        t = std::min(t, m_browser->next_change(now));
    return t;
}

bool Stage::covered(TimePoint now) const {
    return m_browser && m_browser->visible() && m_browser->opacity(now) >= 1.0;
}

bool Stage::animating(TimePoint now) const {
    return (m_browser && m_browser->animating(now)) ||
           (!covered(now) && m_player.in_transition(now));
}

std::string Stage::touched() const {
    if (m_browser && m_browser->visible())
        return std::string("browse:") + screen_name(m_browser->screen());
    auto cur = m_player.current_slide();
    return cur ? m_bundle->manifest.slides[*cur].id : "";
}

} // namespace kiosk::ui

// The whole screen at a moment: the current slide (and the one it replaces, during a transition),
// with the overlays on top, or the branded fallback when nothing is playable.
#pragma once

#include "kiosk/content/bundle.hpp"
#include "kiosk/content/player.hpp"
#include "kiosk/content/schedule_for.hpp"
#include "kiosk/ui/draw_list.hpp"
#include "kiosk/ui/layout.hpp"
#include "kiosk/ui/slides.hpp"

#include <memory>

namespace kiosk::ui {

class Show {
public:
    Show(std::shared_ptr<const content::Bundle> bundle, const text::Metrics& metrics, Size screen);

    DrawList frame(const content::Player& player, TimePoint now) const;
    // The next moment the screen changes, not counting transition frames: a slide boundary, the
    // clock's next minute, the ticker's next slogan.
    TimePoint next_change(const content::Player& player, TimePoint now) const;
    // One slide alone as it will look at `at`: drawn off-screen ahead of time so its images are
    // decoded and its text rendered before the transition into it starts.
    DrawList slide_preview(std::size_t slide, TimePoint at) const;
    // The whole screen while `slide` is on it at `at`, with the header and ticker (an emergency
    // alone, as it takes the screen): one slide checked at full size, whatever its schedule.
    DrawList slide_alone(std::size_t slide, TimePoint at) const;
    const content::Bundle& bundle() const { return *m_bundle; }
    // Results from the live feed, shown on results boards in place of the bundle's.
    void set_live(LiveResults live) { m_live = std::move(live); }
    const LiveResults& live() const { return m_live; }
    // With lines, a screen with nothing on it is the waiting screen of a display that follows a
    // channel: the first line as its title, the others (display, server, channel, what the sync
    // is doing) below.
    void set_waiting(std::vector<std::string> lines) { m_waiting = std::move(lines); }
    const Layout& layout() const { return m_layout; }

private:
    PaintContext context(const content::Player& player, TimePoint now) const;

    std::shared_ptr<const content::Bundle> m_bundle;
    const text::Metrics& m_metrics;
    Layout m_layout;
    LiveResults m_live;
    std::vector<std::string> m_waiting;
    mutable NoticeCache m_notices; // Notices of m_bundle laid out at this screen's size.
};

} // namespace kiosk::ui

// Everything the screen shows, as one object: the slideshow (the bundle's schedule for this
// display, its player and its scene), touch browsing over it (the gesture recogniser and the
// browser), the live results and the waiting screen. Pointer events and the time come in;
// effects, the frame's draw list and the moment of the next change go out. No SDL: the program's
// loop, the replay driver and kiosk-pack's preview all drive it the same way.
#pragma once

#include "kiosk/content/bundle.hpp"
#include "kiosk/content/player.hpp"
#include "kiosk/core/pointer.hpp"
#include "kiosk/ui/browse.hpp"
#include "kiosk/ui/gesture.hpp"
#include "kiosk/ui/show.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui {

// Touch browsing and the admin screen.
struct TouchSettings {
    BrowseSettings browse; // Its `slides` are the stage's to fill.
    GestureSettings gestures;
    std::function<bool(const std::string&)> check_pin;
    std::function<StatusLines()> status;
};

class Stage {
public:
    // `tags`: this display's; slides meant for other displays are left out.
    Stage(std::shared_ptr<const content::Bundle> bundle, const text::Metrics& metrics, Size screen,
          std::vector<std::string> tags);

    // Touch browsing on, with its settings (off until then), or off again.
    void enable_touch(TouchSettings touch);
    void disable_touch();

    // A new bundle in one call: the slide on screen ends at `now`, the playlist goes on after it
    // in the new one, and browsing keeps its place where it still can.
    void set_bundle(std::shared_ptr<const content::Bundle> bundle, TimePoint now);
    // A new screen size: everything laid out again.
    void set_screen(Size screen);
    const content::Bundle& bundle() const { return *m_bundle; }
    const std::shared_ptr<const content::Bundle>& bundle_ptr() const { return m_bundle; }
    const Layout& layout() const { return m_show->layout(); }

    // Results from the live feed, shown on results boards in place of the bundle's.
    void set_live(LiveResults live);
    const LiveResults& live() const { return m_live; }
    // With lines, a screen with nothing on it is the waiting screen of a display that follows a
    // channel and has no version of it yet; without, the branded fallback.
    void set_waiting(std::vector<std::string> lines);

    // The slideshow. Every slide's time on screen is told to `played` (proof of play).
    void on_played(content::Player::PlayedFn played);
    void update(TimePoint now, const content::Player::ReadyFn& ready) {
        m_player.update(now, ready);
    }
    // The slide on screen ends at `now` (at exit, at night).
    void finish(TimePoint now) { m_player.finish(now); }
    // The schedule from its start again (a morning after the night).
    void restart_schedule();
    // The playlist starts at slide `slide_id` (to look at one slide).
    Result<void> begin_at(const std::string& slide_id);
    const content::Player& player() const { return m_player; }

    // A finger or the mouse; what the program must do about it.
    Effect pointer(const PointerEvent& e, TimePoint now);
    // Time passing: holds coming due, the quiet timeout, and an emergency or the night (`dark`)
    // closing the browsing screens.
    Effect tick(TimePoint now, bool dark);
    // When tick() has something to do for a finger held down.
    std::optional<TimePoint> input_deadline() const;

    // The frame at `now`: the slideshow, the browsing screens over it, or both while fading.
    DrawList frame(TimePoint now) const;
    // The next moment the frame changes, not counting animation frames.
    TimePoint next_change(TimePoint now) const;
    // Whether a transition or a fade is under way (frames are due at the animation's pace).
    bool animating(TimePoint now) const;
    // An opaque browsing screen covers the slideshow: its changes are not seen.
    bool covered(TimePoint now) const;
    // Changes whenever the browsing screens may show something else.
    std::uint64_t revision() const { return m_browser ? m_browser->revision() : 0; }
    // One slide alone as it will look at `at`, to draw ahead (Show::slide_preview).
    DrawList slide_preview(std::size_t slide, TimePoint at) const {
        return m_show->slide_preview(slide, at);
    }
    // One slide at full size with the overlays (Show::slide_alone).
    DrawList slide_alone(std::size_t slide, TimePoint at) const {
        return m_show->slide_alone(slide, at);
    }
    // Where a touch lands, for proof of play: "browse:home", else the slide on screen's id.
    std::string touched() const;
    // The browsing screens, for scripted checks (null: touch is off).
    const Browser* browser() const { return m_browser.get(); }

private:
    std::vector<std::size_t> slides_for_display() const;
    void make_player();

    std::shared_ptr<const content::Bundle> m_bundle;
    const text::Metrics& m_metrics;
    std::vector<std::string> m_tags;
    std::unique_ptr<Show> m_show;
    content::Player m_player;
    content::Player::PlayedFn m_played;
    LiveResults m_live; // The one copy; the browser reads it through a pointer.
    std::vector<std::string> m_waiting;
    std::unique_ptr<Browser> m_browser;
    std::optional<GestureRecognizer> m_gestures;
};

} // namespace kiosk::ui

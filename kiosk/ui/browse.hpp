// Touch browsing: the home screen and its sections over the slideshow, the way back after a quiet
// minute, and the admin PIN and status screens. Pure logic and painting: gestures and time come in,
// draw lists and touch targets go out; the app supplies the PIN check and the device's status.
#pragma once

#include "kiosk/content/bundle.hpp"
#include "kiosk/ui/draw_list.hpp"
#include "kiosk/ui/gesture.hpp"
#include "kiosk/ui/layout.hpp"
#include "kiosk/ui/slides.hpp"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::ui {

enum class Screen {
    Slideshow,
    Home,
    Gallery,
    Poster,
    Schedule,
    Results,
    About,
    Online,
    Pin,
    Admin
};
const char* screen_name(Screen s);

enum class Corner { TopLeft, TopRight, BottomLeft, BottomRight };
std::optional<Corner> parse_corner(std::string_view s);

struct BrowseSettings {
    Duration idle{std::chrono::seconds{60}};          // Quiet this long: back to the slideshow.
    Duration fade_in{std::chrono::milliseconds{250}}; // Slideshow to home screen.
    Duration fade_out{std::chrono::seconds{1}};       // Back to the slideshow.
    double px_per_mm{1.6};                            // Of the configured screen.
    double min_target_mm{9.0};                        // No touch target is smaller.
    Corner admin_corner{Corner::TopLeft};
    double admin_corner_mm{30.0}; // The corner square that is held.
    Duration admin_hold{std::chrono::seconds{5}};
    bool admin_enabled{false};       // A PIN is configured.
    std::vector<std::size_t> slides; // Slides for this display (bundle order).
};

// What the technician sees on the admin screen, label and value, in order.
using StatusLines = std::vector<std::pair<std::string, std::string>>;

// What the app must do after a gesture.
enum class Effect { None, Exit, Restart };

struct Target {
    Rect rect;
    std::string name; // Stable, for scripted input: "home", "back", "next", "tile:gallery", …
};

class Browser {
public:
    Browser(BrowseSettings settings, std::shared_ptr<const content::Bundle> bundle,
            const text::Metrics& metrics, Size screen);

    // A new bundle or screen size: sections keep their place where they still can.
    void set_bundle(std::shared_ptr<const content::Bundle> bundle, std::vector<std::size_t> slides);
    void set_screen(Size screen);
    void set_live(const LiveResults* live) { m_live = live; }
    void set_pin_check(std::function<bool(const std::string&)> check) {
        m_check_pin = std::move(check);
    }
    void set_status(std::function<StatusLines()> status) { m_status = std::move(status); }

    Effect on_gesture(const Gesture& g, TimePoint now);
    // Time passing: the quiet timeout, fades ending; an emergency closes everything at once.
    void update(TimePoint now, bool emergency);
    // Something has to change on screen by then: the quiet timeout, a PIN lockout ending, the
    // admin screen's clock.
    TimePoint next_change(TimePoint now) const;
    bool animating(TimePoint now) const;

    Screen screen() const { return m_screen; }
    // Changes whenever what the screen shows may have changed (to know when to redraw).
    std::uint64_t revision() const { return m_revision; }
    // Whether the slideshow is covered at all, and how much (0 to 1, for the fades).
    bool visible() const { return m_screen != Screen::Slideshow; }
    double opacity(TimePoint now) const;
    // The item shown on the current screen, from 0: poster, day, event or notice.
    int item() const;

    // Paints the current screen through `canvas` (whose alpha fades it) and lists its targets.
    void paint(Canvas& canvas, TimePoint now, std::vector<Target>* targets = nullptr) const;
    std::vector<Target> targets(TimePoint now) const; // Topmost first.
    std::optional<Target> target_at(Point p, TimePoint now) const;
    // Every image the sections show, to decode ahead.
    std::vector<std::string> images() const;
    const Layout& layout() const { return m_layout; }

private:
    friend struct BrowsePainter;
    void open(Screen s, TimePoint now);
    void go_back(TimePoint now);
    void leave(TimePoint now);
    Effect act(const std::string& name, TimePoint now);
    void step(int delta);
    void collect();
    int min_target_px() const;
    bool in_admin_corner(Point p) const;
    int default_day(TimePoint now) const; // Today's, else the next day with events, else the first.

    BrowseSettings m_s;
    std::shared_ptr<const content::Bundle> m_bundle;
    const text::Metrics& m_metrics;
    Layout m_layout;
    const LiveResults* m_live{nullptr};
    std::function<bool(const std::string&)> m_check_pin;
    std::function<StatusLines()> m_status;

    // What the sections list, from the bundle.
    std::vector<std::size_t> m_posters; // Image slides.
    std::vector<std::size_t> m_notices; // Text slides.
    std::vector<std::size_t> m_results; // Results slides, one per event.
    std::vector<TimePoint> m_days;      // Local midnights of the timetable's days.
    const content::Timetable* m_timetable{nullptr};

    Screen m_screen{Screen::Slideshow};
    std::uint64_t m_revision{0};
    std::vector<Screen> m_stack; // Screens under the current one, for "back".
    int m_poster{0};
    int m_day{-1}; // -1: not chosen yet (today's, when the schedule opens).
    int m_event{0};
    int m_notice{0};
    int m_schedule_page{0};
    TimePoint m_event_opened{};

    TimePoint m_last_input{};
    TimePoint m_fade_start{};
    bool m_leaving{false};   // Fading back to the slideshow.
    bool m_swallow{false};   // The touch that opened the home screen does nothing else.
    bool m_emergency{false}; // Touches do not open anything over an emergency notice.
    std::optional<Rect> m_pressed;

    std::string m_pin;
    int m_pin_failures{0};
    int m_pin_failures_total{0}; // Since the start, for the log.
    TimePoint m_pin_locked_until{};
    std::string m_pin_message;
};

} // namespace kiosk::ui

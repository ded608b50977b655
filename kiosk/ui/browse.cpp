// The browsing state machine: which screen is up, what it shows, and when it goes away.
#include "kiosk/ui/browse.hpp"

#include "kiosk/core/log.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace kiosk::ui {

const char* screen_name(Screen s) {
    switch (s) {
    case Screen::Slideshow:
        return "slideshow";
    case Screen::Home:
        return "home";
    case Screen::Gallery:
        return "gallery";
    case Screen::Poster:
        return "poster";
    case Screen::Schedule:
        return "schedule";
    case Screen::Results:
        return "results";
    case Screen::About:
        return "about";
    case Screen::Online:
        return "online";
    case Screen::Pin:
        return "pin";
    case Screen::Admin:
        return "admin";
    }
    return "?";
}

std::optional<Corner> parse_corner(std::string_view s) {
    if (s == "top-left")
        return Corner::TopLeft;
    if (s == "top-right")
        return Corner::TopRight;
    if (s == "bottom-left")
        return Corner::BottomLeft;
    if (s == "bottom-right")
        return Corner::BottomRight;
    return std::nullopt;
}

Browser::Browser(BrowseSettings settings, std::shared_ptr<const content::Bundle> bundle,
                 const text::Metrics& metrics, Size screen)
    : m_s(std::move(settings)), m_bundle(std::move(bundle)), m_metrics(metrics),
      m_layout(make_layout(screen)) {
    collect();
}

void Browser::set_bundle(std::shared_ptr<const content::Bundle> bundle,
                         std::vector<std::size_t> slides) {
    m_bundle = std::move(bundle);
    m_s.slides = std::move(slides);
    collect();
    auto clamp = [](int& i, std::size_t n) {
        i = n == 0 ? 0 : std::clamp(i, 0, static_cast<int>(n) - 1);
    };
    clamp(m_poster, m_posters.size());
    clamp(m_notice, m_notices.size());
    clamp(m_event, m_results.size());
    if (m_day >= static_cast<int>(m_days.size()))
        m_day = -1;
    m_schedule_page = 0;
}

void Browser::set_screen(Size screen) {
    m_layout = make_layout(screen);
    m_pressed.reset();
}

void Browser::collect() {
    const auto& slides = m_bundle->manifest.slides;
    m_posters.clear();
    m_notices.clear();
    m_results.clear();
    m_days.clear();
    m_timetable = nullptr;
    std::set<std::string> events;
    for (auto i : m_s.slides) {
        if (i >= slides.size() || slides[i].priority == content::Priority::Emergency)
            continue;
        const auto& s = slides[i];
        switch (s.kind) {
        case content::SlideKind::Image:
            m_posters.push_back(i);
            break;
        case content::SlideKind::Text:
            m_notices.push_back(i);
            break;
        case content::SlideKind::Results:
            if (events.insert(s.event).second)
                m_results.push_back(i);
            break;
        case content::SlideKind::Qr:
            break; // The online page shows every link.
        case content::SlideKind::Schedule:
            if (m_timetable == nullptr) {
                auto it = m_bundle->timetables.find(s.data);
                if (it != m_bundle->timetables.end())
                    m_timetable = &it->second;
            }
            break;
        }
    }
    if (m_timetable == nullptr && !m_bundle->timetables.empty())
        m_timetable = &m_bundle->timetables.begin()->second;
    if (m_timetable != nullptr) {
        std::set<TimePoint> days;
        for (const auto& e : m_timetable->events)
            days.insert(start_of_local_day(e.start, m_bundle->manifest.utc_offset));
        m_days.assign(days.begin(), days.end());
    }
}

int Browser::default_day(TimePoint now) const {
    auto today = start_of_local_day(now, m_bundle->manifest.utc_offset);
    for (std::size_t i = 0; i < m_days.size(); ++i)
        if (m_days[i] >= today)
            return static_cast<int>(i);
    return 0;
}

int Browser::min_target_px() const {
    return static_cast<int>(std::ceil(m_s.min_target_mm * m_s.px_per_mm));
}

bool Browser::in_admin_corner(Point p) const {
    int side = static_cast<int>(m_s.admin_corner_mm * m_s.px_per_mm);
    bool left = p.x < side;
    bool right = p.x >= m_layout.screen.w - side;
    bool top = p.y < side;
    bool bottom = p.y >= m_layout.screen.h - side;
    switch (m_s.admin_corner) {
    case Corner::TopLeft:
        return top && left;
    case Corner::TopRight:
        return top && right;
    case Corner::BottomLeft:
        return bottom && left;
    case Corner::BottomRight:
        return bottom && right;
    }
    return false;
}

void Browser::open(Screen s, TimePoint now) {
    if (m_screen == Screen::Slideshow || m_leaving) {
        if (m_screen == Screen::Slideshow || !m_leaving)
            m_fade_start = now;
        else // Caught while fading out: fade in again from where it is.
            m_fade_start = now - std::chrono::duration_cast<Duration>(opacity(now) * m_s.fade_in);
        m_leaving = false;
        m_stack.clear();
        m_screen = s;
        return;
    }
    m_stack.push_back(m_screen);
    m_screen = s;
    if (s == Screen::Schedule) {
        m_schedule_page = 0;
        if (m_day < 0 || m_day >= static_cast<int>(m_days.size()))
            m_day = default_day(now);
    }
    if (s == Screen::Results)
        m_event_opened = now;
}

void Browser::go_back(TimePoint now) {
    if (m_stack.empty()) {
        leave(now);
        return;
    }
    m_screen = m_stack.back();
    m_stack.pop_back();
}

void Browser::leave(TimePoint now) {
    if (m_screen == Screen::Slideshow || m_leaving)
        return;
    m_leaving = true;
    m_fade_start = now;
}

void Browser::step(int delta) {
    auto move = [delta](int& i, std::size_t n) {
        if (n > 0)
            i = std::clamp(i + delta, 0, static_cast<int>(n) - 1);
    };
    switch (m_screen) {
    case Screen::Gallery:
    case Screen::Poster:
        move(m_poster, m_posters.size());
        break;
    case Screen::About:
        move(m_notice, m_notices.size());
        break;
    case Screen::Schedule: {
        int day = item();
        move(day, m_days.size());
        if (day != item())
            m_schedule_page = 0;
        m_day = day;
        break;
    }
    case Screen::Results:
        move(m_event, m_results.size());
        break;
    default:
        break;
    }
}

Effect Browser::act(const std::string& name, TimePoint now) {
    auto number = [&](std::string_view prefix) { return std::stoi(name.substr(prefix.size())); };
    if (name == "home") {
        m_stack.clear();
        m_screen = Screen::Home;
    } else if (name == "back") {
        go_back(now);
    } else if (name == "leave" || name == "admin:close") {
        leave(now);
    } else if (name == "tile:gallery") {
        open(Screen::Gallery, now);
    } else if (name == "tile:schedule") {
        open(Screen::Schedule, now);
    } else if (name == "tile:results") {
        open(Screen::Results, now);
    } else if (name == "tile:about") {
        open(Screen::About, now);
    } else if (name == "tile:online") {
        open(Screen::Online, now);
    } else if (name == "poster") {
        if (m_screen == Screen::Gallery)
            open(Screen::Poster, now);
        else
            go_back(now);
    } else if (name == "prev") {
        step(-1);
    } else if (name == "next") {
        step(+1);
    } else if (name.starts_with("day:")) {
        m_day = number("day:");
        m_schedule_page = 0;
    } else if (name == "page-prev") {
        m_schedule_page = std::max(0, m_schedule_page - 1);
    } else if (name == "page-next") {
        ++m_schedule_page; // The painter clamps to the last page.
    } else if (name.starts_with("event:")) {
        m_event = number("event:");
        m_event_opened = now;
    } else if (name.starts_with("digit:")) {
        if (now >= m_pin_locked_until && m_pin.size() < 12)
            m_pin += name.substr(6);
        m_pin_message.clear();
    } else if (name == "pin-delete") {
        if (!m_pin.empty())
            m_pin.pop_back();
    } else if (name == "pin-enter") {
        if (m_pin.empty() || now < m_pin_locked_until)
            return Effect::None;
        bool ok = m_check_pin && m_check_pin(m_pin);
        m_pin.clear();
        if (ok) {
            m_pin_failures = 0;
            m_pin_message.clear();
            m_screen = Screen::Admin;
            log::info("admin", "PIN accepted: status screen open");
        } else {
            ++m_pin_failures;
            m_pin_message = "密码错误";
            if (m_pin_failures % 3 == 0) {
                auto wait = std::min<Duration>(std::chrono::seconds{30} * (m_pin_failures / 3),
                                               std::chrono::minutes{10});
                m_pin_locked_until = now + wait;
            }
            // Every wrong PIN is logged (never held back as a repeat), with a count: someone
            // trying PINs at a public screen is what a technician must see.
            ++m_pin_failures_total;
            log::security("admin", "wrong PIN (" + std::to_string(m_pin_failures) + " in a row, " +
                                       std::to_string(m_pin_failures_total) + " since the start)");
        }
    } else if (name == "admin:exit") {
        log::info("admin", "exit chosen on the status screen");
        return Effect::Exit;
    } else if (name == "admin:restart") {
        log::info("admin", "restart chosen on the status screen");
        return Effect::Restart;
    }
    return Effect::None;
}

Effect Browser::on_gesture(const Gesture& g, TimePoint now) {
    using K = Gesture::Kind;
    ++m_revision;
    if (m_emergency) {
        m_swallow = false;
        return Effect::None;
    }
    m_last_input = now;
    if (g.kind == K::Press) {
        if (m_screen == Screen::Slideshow || m_leaving) {
            bool from_slideshow = m_screen == Screen::Slideshow;
            open(Screen::Home, now);
            if (from_slideshow)
                log::info("browse", "touched: home screen open");
            m_swallow = true;
            return Effect::None;
        }
        m_pressed.reset();
        if (auto t = target_at(g.at, now))
            m_pressed = t->rect;
        return Effect::None;
    }
    if (g.kind == K::Drag) {
        m_pressed.reset();
        return Effect::None;
    }
    if (g.kind == K::Hold) {
        if (g.held >= m_s.admin_hold && in_admin_corner(g.at) && m_screen != Screen::Pin &&
            m_screen != Screen::Admin) {
            if (!m_s.admin_enabled) {
                log::warn("admin", "the admin corner was held, but no admin PIN is configured");
                return Effect::None;
            }
            m_pressed.reset();
            open(Screen::Pin, now);
            m_pin.clear();
            m_pin_message.clear();
            m_swallow = true;
            log::info("admin", "admin corner held: PIN asked");
        }
        return Effect::None;
    }
    // The end of a touch.
    m_pressed.reset();
    if (std::exchange(m_swallow, false) || m_leaving)
        return Effect::None;
    if (g.kind == K::Tap) {
        if (auto t = target_at(g.at, now))
            return act(t->name, now);
        return Effect::None;
    }
    if (g.kind == K::Swipe) {
        bool horizontal = std::abs(g.dx) >= std::abs(g.dy);
        if (horizontal)
            step(g.dx < 0 ? +1 : -1); // Swiping left brings the next one in from the right.
        else if (m_screen == Screen::Schedule)
            m_schedule_page = std::max(0, m_schedule_page + (g.dy < 0 ? 1 : -1));
    }
    return Effect::None;
}

void Browser::update(TimePoint now, bool emergency) {
    auto before = std::tuple{m_screen, m_leaving};
    m_emergency = emergency;
    if (emergency && m_screen != Screen::Slideshow) {
        log::info("browse", "an emergency notice (or the night) takes the screen: browsing closed");
        m_screen = Screen::Slideshow;
        m_leaving = false;
    }
    if (m_screen != Screen::Slideshow && !m_leaving && now - m_last_input >= m_s.idle) {
        log::info(
            "browse",
            "no touch for " +
                std::to_string(std::chrono::duration_cast<std::chrono::seconds>(m_s.idle).count()) +
                " s: back to the slideshow");
        leave(now);
    }
    if (m_leaving && now - m_fade_start >= m_s.fade_out)
        m_screen = Screen::Slideshow;
    if (m_screen == Screen::Slideshow) {
        // The next visitor starts afresh.
        m_leaving = false;
        m_stack.clear();
        m_pressed.reset();
        m_swallow = m_swallow && !emergency;
        m_pin.clear();
        m_pin_message.clear();
        m_poster = m_notice = m_event = m_schedule_page = 0;
        m_day = -1;
    }
    if (before != std::tuple{m_screen, m_leaving})
        ++m_revision;
}

double Browser::opacity(TimePoint now) const {
    if (m_screen == Screen::Slideshow)
        return 0.0;
    auto frac = [](Duration d, Duration whole) {
        return whole.count() <= 0
                   ? 1.0
                   : std::clamp(static_cast<double>(d.count()) / static_cast<double>(whole.count()),
                                0.0, 1.0);
    };
    if (m_leaving)
        return 1.0 - frac(now - m_fade_start, m_s.fade_out);
    return frac(now - m_fade_start, m_s.fade_in);
}

bool Browser::animating(TimePoint now) const {
    if (m_screen == Screen::Slideshow)
        return false;
    if (m_leaving)
        return true;
    return now - m_fade_start < m_s.fade_in;
}

TimePoint Browser::next_change(TimePoint now) const {
    if (m_screen == Screen::Slideshow)
        return TimePoint::max();
    if (m_leaving)
        return m_fade_start + m_s.fade_out;
    TimePoint t = m_last_input + m_s.idle;
    if (m_screen == Screen::Pin && m_pin_locked_until > now)
        t = std::min(t, m_pin_locked_until);
    // The admin screen's uptime, and the live boards, move on by the second.
    if (m_screen == Screen::Admin || m_screen == Screen::Results)
        t = std::min<TimePoint>(t, std::chrono::floor<std::chrono::seconds>(now) +
                                       std::chrono::seconds{1});
    return std::max(t, now);
}

int Browser::item() const {
    switch (m_screen) {
    case Screen::Gallery:
    case Screen::Poster:
        return m_poster;
    case Screen::About:
        return m_notice;
    case Screen::Results:
        return m_event;
    case Screen::Schedule:
        return std::max(m_day, 0);
    default:
        return 0;
    }
}

std::vector<Target> Browser::targets(TimePoint now) const {
    DrawList scratch;
    scratch.screen = m_layout.screen;
    Canvas cv(scratch);
    std::vector<Target> out;
    paint(cv, now, &out);
    return out;
}

std::optional<Target> Browser::target_at(Point p, TimePoint now) const {
    for (auto& t : targets(now))
        if (p.x >= t.rect.x && p.x < t.rect.x + t.rect.w && p.y >= t.rect.y &&
            p.y < t.rect.y + t.rect.h)
            return std::move(t);
    return std::nullopt;
}

std::vector<std::string> Browser::images() const {
    std::vector<std::string> out;
    for (auto i : m_posters)
        out.push_back(m_bundle->manifest.slides[i].asset);
    return out;
}

} // namespace kiosk::ui

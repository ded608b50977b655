// The schedule of a bundle for one display: its playlist, notices and emergencies, without the
// slides meant for other displays.
#include "kiosk/content/schedule_for.hpp"

#include <algorithm>

namespace kiosk::content {

Schedule make_schedule(const Bundle& bundle, const std::vector<std::string>& display_tags) {
    const auto& m = bundle.manifest;
    Schedule s;
    s.notice_every = m.notice_every;
    s.utc_offset = m.utc_offset;
    auto for_this_display = [&](const Slide& slide) {
        if (slide.tags.empty())
            return true;
        return std::any_of(slide.tags.begin(), slide.tags.end(), [&](const std::string& t) {
            return std::find(display_tags.begin(), display_tags.end(), t) != display_tags.end();
        });
    };
    auto item = [&](std::size_t i) {
        const auto& slide = m.slides[i];
        return PlayItem{i, slide.duration, slide.transition, slide.window};
    };
    for (const auto& id : m.playlist) {
        for (std::size_t i = 0; i < m.slides.size(); ++i) {
            const auto& slide = m.slides[i];
            if (slide.id == id && slide.priority == Priority::Normal && for_this_display(slide))
                s.playlist.push_back(item(i));
        }
    }
    for (std::size_t i = 0; i < m.slides.size(); ++i) {
        const auto& slide = m.slides[i];
        if (!for_this_display(slide))
            continue;
        if (slide.priority == Priority::Notice)
            s.notices.push_back(item(i));
        else if (slide.priority == Priority::Emergency)
            s.emergencies.push_back(item(i));
    }
    return s;
}

Player make_player(const Bundle& bundle, const std::vector<std::string>& display_tags) {
    return Player(make_schedule(bundle, display_tags));
}

} // namespace kiosk::content

// The showable check.
#include "kiosk/content/showable.hpp"

#include "kiosk/content/window.hpp"
#include "kiosk/core/image_info.hpp"

#include <algorithm>

namespace kiosk::content {
namespace {

// A picture whose header says what it is and how big: enough to be worth a slide.
bool picture_readable(const Bundle& bundle, const std::string& asset) {
    if (!bundle.manifest.assets.contains(asset) ||
        bundle.damaged.contains(bundle.manifest.assets.at(asset).sha256))
        return false;
    auto head = read_file(bundle.asset_path(asset), kMaxImageFileBytes);
    if (!head)
        return false;
    auto info = read_image_info(*head);
    if (!info)
        return false;
    if (info->mime == "image/svg+xml")
        return !svg_refusal(*head);
    return info->width > 0 && info->height > 0 &&
           static_cast<std::uint64_t>(info->width) * static_cast<std::uint64_t>(info->height) <=
               kMaxImagePixels;
}

} // namespace

std::optional<std::string> nothing_to_show(const Bundle& bundle, TimePoint from, TimePoint to) {
    const auto& m = bundle.manifest;
    int scheduled = 0;
    for (const auto& slide : m.slides) {
        bool listed = slide.priority != Priority::Normal ||
                      std::find(m.playlist.begin(), m.playlist.end(), slide.id) != m.playlist.end();
        if (!listed)
            continue;
        if (!contains(slide.window, from, m.utc_offset) &&
            !opens_between(slide.window, from, to, m.utc_offset))
            continue;
        ++scheduled;
        if (slide.kind != SlideKind::Image || picture_readable(bundle, slide.asset))
            return std::nullopt;
    }
    if (m.playlist.empty() && scheduled == 0)
        return std::string("its playlist is empty");
    if (scheduled == 0)
        return std::string("no slide is scheduled in the next ") +
               std::to_string(std::chrono::duration_cast<std::chrono::days>(to - from).count()) +
               " days";
    return "none of its " + std::to_string(scheduled) +
           " scheduled slides has a picture that can be shown";
}

} // namespace kiosk::content

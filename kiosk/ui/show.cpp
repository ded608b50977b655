// Frame composition and transitions.
#include "kiosk/ui/show.hpp"

#include "kiosk/ui/overlays.hpp"
#include "kiosk/ui/slides.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {

double ease_in_out(double p) {
    return p * p * (3 - 2 * p);
}

} // namespace

Show::Show(std::shared_ptr<const content::Bundle> bundle, const text::Metrics& metrics, Size screen)
    : m_bundle(std::move(bundle)), m_metrics(metrics), m_layout(make_layout(screen)) {}

PaintContext Show::context(const content::Player& player, TimePoint now) const {
    return {*m_bundle,
            m_metrics,
            m_layout,
            now,
            m_live.results ? &m_live : nullptr,
            player.current_start(),
            player.current_duration(),
            &m_notices};
}

DrawList Show::frame(const content::Player& player, TimePoint now) const {
    DrawList list;
    list.screen = m_layout.screen;
    const auto& m = m_bundle->manifest;
    auto current = player.current_slide();
    if (!current && !m_waiting.empty()) {
        Canvas cv(list);
        paint_waiting(cv, m.theme, m_metrics, m_layout, m.theme.logo, m_waiting);
        return list;
    }
    if (!current) {
        Canvas cv(list);
        const char* message = player.exhausted() ? "暂无可播放的内容"
                              : player.waiting() ? "内容准备中……"
                                                 : "当前时段暂无安排";
        paint_fallback(cv, m.theme, m_metrics, m_layout, m.theme.logo, message);
        return list;
    }
    PaintContext ctx = context(player, now);
    if (player.emergency()) {
        // An emergency takes the whole screen: no header, no ticker, nothing else to read.
        Canvas cv(list);
        paint_emergency(cv, m.slides[*current], ctx);
        return list;
    }
    double p = player.transition_progress(now);
    auto previous = player.previous_slide();
    if (previous && p < 1.0) {
        if (player.transition() == content::Transition::Slide) {
            double e = ease_in_out(p);
            int w = m_layout.screen.w;
            Canvas out(list, -static_cast<int>(std::lround(e * w)));
            paint_slide(out, m.slides[*previous], ctx);
            Canvas in(list, static_cast<int>(std::lround((1 - e) * w)));
            paint_slide(in, m.slides[*current], ctx);
        } else {
            Canvas out(list);
            paint_slide(out, m.slides[*previous], ctx);
            auto layer = begin_layer(list, m_layout.slide, p);
            Canvas in(list);
            paint_slide(in, m.slides[*current], ctx);
            end_layer(list, layer);
        }
    } else {
        Canvas cv(list);
        paint_slide(cv, m.slides[*current], ctx);
    }
    Canvas top(list);
    paint_header(top, m, m_metrics, m_layout, now);
    paint_ticker(top, m, m_metrics, m_layout, now);
    return list;
}

TimePoint Show::next_change(const content::Player& player, TimePoint now) const {
    TimePoint t = std::min(player.next_deadline(now), next_minute(now));
    // A results board or a long notice turns its pages on time.
    if (auto cur = player.current_slide()) {
        const auto& slide = m_bundle->manifest.slides[*cur];
        auto paging = slide_paging(slide, context(player, now));
        if (paging.pages > 1 && paging.page_time.count() > 0 && now >= player.current_start()) {
            auto since = now - player.current_start();
            t = std::min(t, player.current_start() +
                                (since / paging.page_time + 1) * paging.page_time);
        }
    }
    // A results board ends its highlight and shows a stale marker on time.
    if (auto cur = player.current_slide();
        cur && m_bundle->manifest.slides[*cur].kind == content::SlideKind::Results) {
        if (m_live.results) {
            auto after = [&](TimePoint x) {
                if (x > now)
                    t = std::min(t, x);
            };
            after(m_live.changed_at + kHighlightFor);
            if (m_live.last_contact)
                after(*m_live.last_contact + m_live.unreachable_after + Duration{1});
            if (m_live.results->updated)
                after(*m_live.results->updated + m_live.stale_after + Duration{1});
        }
    }
    // A schedule board changes when an event starts or ends, to the second.
    for (auto slide : {player.current_slide(), player.previous_slide()}) {
        if (!slide)
            continue;
        const auto& s = m_bundle->manifest.slides[*slide];
        auto tt = m_bundle->timetables.find(s.data);
        if (s.kind == content::SlideKind::Schedule && tt != m_bundle->timetables.end())
            t = std::min(t, content::next_change(tt->second, now, m_bundle->manifest.utc_offset));
    }
    return std::min(t, next_ticker_change(m_bundle->manifest, now));
}

DrawList Show::slide_preview(std::size_t slide, TimePoint at) const {
    DrawList list;
    list.screen = m_layout.screen;
    Canvas cv(list);
    PaintContext ctx{*m_bundle, m_metrics, m_layout, at};
    ctx.notices = &m_notices;
    paint_slide(cv, m_bundle->manifest.slides.at(slide), ctx);
    return list;
}

DrawList Show::slide_alone(std::size_t slide, TimePoint at) const {
    DrawList list;
    list.screen = m_layout.screen;
    const auto& m = m_bundle->manifest;
    const auto& s = m.slides.at(slide);
    PaintContext ctx{*m_bundle, m_metrics, m_layout, at, m_live.results ? &m_live : nullptr,
                     at,        s.duration};
    Canvas cv(list);
    if (s.priority == content::Priority::Emergency) {
        paint_emergency(cv, s, ctx);
        return list;
    }
    paint_slide(cv, s, ctx);
    paint_header(cv, m, m_metrics, m_layout, at);
    paint_ticker(cv, m, m_metrics, m_layout, at);
    return list;
}

} // namespace kiosk::ui

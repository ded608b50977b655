// Stats collection and report.
#include "kiosk/platform/stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace kiosk::platform {

FrameKind classify_frame(bool in_transition, bool exposed, bool same_as_last,
                         bool last_incomplete) {
    if (in_transition)
        return FrameKind::Transition;
    if (exposed)
        return FrameKind::Exposed;
    if (!same_as_last || last_incomplete)
        return FrameKind::Change;
    return FrameKind::Unchanged;
}

double percentile(std::vector<double> v, double q) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

std::size_t count_over_twice_median(const std::vector<double>& values) {
    double limit = 2 * percentile(values, 0.5);
    return static_cast<std::size_t>(
        std::count_if(values.begin(), values.end(), [&](double v) { return v > limit; }));
}

void Stats::frame(std::chrono::steady_clock::time_point begin,
                  std::chrono::steady_clock::time_point end, FrameKind kind) {
    using ms = std::chrono::duration<double, std::milli>;
    if (!m_first_frame_ms)
        m_first_frame_ms = ms(end - m_start).count();
    ++m_frames;
    ++m_counts[static_cast<int>(kind)];
    if (!m_enabled)
        return;
    double took = ms(end - begin).count();
    if (kind != FrameKind::Transition) {
        m_other_max_ms = std::max(m_other_max_ms, took);
        return;
    }
    if (m_transition_ms.size() < kWindow)
        m_transition_ms.push_back(took);
    else
        m_transition_ms[m_transitions_seen % kWindow] = took;
    ++m_transitions_seen;
}

long Stats::peak_memory_kb() {
    std::ifstream in("/proc/self/status");
    std::string key;
    while (in >> key) {
        if (key == "VmHWM:") {
            long kb = 0;
            in >> kb;
            return kb;
        }
        std::string rest;
        std::getline(in, rest);
    }
    return 0;
}

std::string Stats::report() const {
    char buf[768];
    const auto& t = m_transition_ms;
    double mx = t.empty() ? 0 : *std::max_element(t.begin(), t.end());
    std::snprintf(
        buf, sizeof buf,
        "stats: frames drawn %zu; in transitions %zu: p50 %.2f ms, p99 %.2f ms, max %.2f ms, "
        "over twice the median %zu; other changes %zu (max %.2f ms); redrawn for the window %zu; "
        "unchanged redraws %zu; drawn in part %llu; peak memory %.1f MB; first frame %.1f ms "
        "after start; renderer %s\n",
        m_frames, frames_of(FrameKind::Transition), percentile(t, 0.5), percentile(t, 0.99), mx,
        count_over_twice_median(t), frames_of(FrameKind::Change), m_other_max_ms,
        frames_of(FrameKind::Exposed), frames_of(FrameKind::Unchanged),
        static_cast<unsigned long long>(m_partial_frames),
        static_cast<double>(peak_memory_kb()) / 1024.0, m_first_frame_ms.value_or(-1),
        m_renderer.empty() ? "unknown" : m_renderer.c_str());
    return buf;
}

} // namespace kiosk::platform

// Stats collection and report.
#include "kiosk/app/stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace kiosk::app {

double percentile(std::vector<double> v, double q) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

void Stats::frame(std::chrono::steady_clock::time_point begin,
                  std::chrono::steady_clock::time_point end) {
    using ms = std::chrono::duration<double, std::milli>;
    if (!m_first_frame_ms)
        m_first_frame_ms = ms(end - m_start).count();
    ++m_frames;
    if (!m_enabled)
        return;
    if (m_frame_ms.size() < kWindow)
        m_frame_ms.push_back(ms(end - begin).count());
    else
        m_frame_ms[m_frames % kWindow] = ms(end - begin).count();
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
    char buf[512];
    double mx = m_frame_ms.empty() ? 0 : *std::max_element(m_frame_ms.begin(), m_frame_ms.end());
    std::snprintf(buf, sizeof buf,
                  "stats: frames drawn %zu; frame time p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
                  "peak memory %.1f MB; first frame %.1f ms after start\n",
                  m_frames, percentile(m_frame_ms, 0.5), percentile(m_frame_ms, 0.99), mx,
                  static_cast<double>(peak_memory_kb()) / 1024.0, m_first_frame_ms.value_or(-1));
    return buf;
}

} // namespace kiosk::app

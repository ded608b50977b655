// Frame-time and memory figures for --stats.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::app {

class Stats {
public:
    explicit Stats(std::chrono::steady_clock::time_point process_start) : m_start(process_start) {}
    std::chrono::steady_clock::time_point process_start() const { return m_start; }
    // Frame times are kept only when asked for (--stats), and only the last kWindow of them, so
    // a kiosk running for weeks does not grow.
    void enable(bool on) { m_enabled = on; }
    static constexpr std::size_t kWindow = 100'000;
    void frame(std::chrono::steady_clock::time_point begin,
               std::chrono::steady_clock::time_point end);
    std::string report() const;
    std::size_t frames() const { return m_frames; }

    // Peak resident memory of this process in kB (VmHWM), or 0 where /proc is missing.
    static long peak_memory_kb();

private:
    std::chrono::steady_clock::time_point m_start;
    std::optional<double> m_first_frame_ms;
    std::vector<double> m_frame_ms; // A ring of the last kWindow frame times.
    std::size_t m_frames{0};
    bool m_enabled{false};
};

// The value at quantile q (0..1) of `values`, nearest rank; 0 for none.
double percentile(std::vector<double> values, double q);

} // namespace kiosk::app

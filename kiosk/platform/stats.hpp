// Frame-time and memory figures for --stats.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::platform {

// What a frame was drawn for. A frame drawn for nothing (Unchanged) is waste: the loop should have
// slept instead.
enum class FrameKind {
    Transition, // A step of a transition between slides.
    Change,     // What the screen shows changed: a new slide, the clock, the ticker, an image.
    Exposed,    // The window asked for its contents again.
    Unchanged,  // The same picture as the frame before.
};

// `same_as_last`: the frame's draw list equals the previous frame's; `last_incomplete`: the
// previous frame lacked an image that was still being decoded (so the same list draws more now).
FrameKind classify_frame(bool in_transition, bool exposed, bool same_as_last, bool last_incomplete);

class Stats {
public:
    explicit Stats(std::chrono::steady_clock::time_point process_start) : m_start(process_start) {}
    std::chrono::steady_clock::time_point process_start() const { return m_start; }
    // Frame times are kept only when asked for (--stats), and only the last kWindow of them, so
    // a kiosk running for weeks does not grow.
    void enable(bool on) { m_enabled = on; }
    bool enabled() const { return m_enabled; }
    static constexpr std::size_t kWindow = 100'000;
    void frame(std::chrono::steady_clock::time_point begin,
               std::chrono::steady_clock::time_point end, FrameKind kind = FrameKind::Change);
    void set_renderer(std::string name) { m_renderer = std::move(name); }
    // Frames the renderer drew in part only (what changed), of those counted by frame().
    void set_partial_frames(std::uint64_t n) { m_partial_frames = n; }
    std::string report() const;
    std::size_t frames() const { return m_frames; }
    std::size_t frames_of(FrameKind kind) const { return m_counts[static_cast<int>(kind)]; }
    // Frame times of the transition frames in the window, in milliseconds.
    const std::vector<double>& transition_ms() const { return m_transition_ms; }

    // Peak resident memory of this process in kB (VmHWM), or 0 where /proc is missing.
    static long peak_memory_kb();

private:
    std::chrono::steady_clock::time_point m_start;
    std::optional<double> m_first_frame_ms;
    std::vector<double> m_transition_ms; // A ring of the last kWindow transition frame times.
    std::size_t m_transitions_seen{0};
    double m_other_max_ms{0};
    std::size_t m_counts[4]{};
    std::size_t m_frames{0};
    std::string m_renderer;
    std::uint64_t m_partial_frames{0};
    bool m_enabled{false};
};

// The value at quantile q (0..1) of `values`, nearest rank; 0 for none.
double percentile(std::vector<double> values, double q);

// How many of `values` are above twice their median: the stalls a viewer would see.
std::size_t count_over_twice_median(const std::vector<double>& values);

} // namespace kiosk::platform

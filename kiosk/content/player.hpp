// The playlist as a state machine on an injected time: which slide is on, and the transition into
// it.
#pragma once

#include "kiosk/content/manifest.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace kiosk::content {

struct PlayItem {
    std::size_t slide{}; // Index into the manifest's slides.
    Duration duration{};
    Transition transition{Transition::Fade};
};

// Whether a slide can go on screen now: its images decoded, still decoding, or undecodable.
enum class Readiness { Ready, Pending, Broken };

class Player {
public:
    using ReadyFn = std::function<Readiness(std::size_t slide)>;

    explicit Player(std::vector<PlayItem> items,
                    Duration transition_length = std::chrono::seconds{1});

    // The first update starts at item `item` instead of the first (to check one slide).
    void begin_at(std::size_t item) { m_first = item < m_items.size() ? item : 0; }

    // Moves through every slide boundary up to `now`. A next slide still Pending holds the current
    // one on screen (the transition waits for the decoder, never the other way round); a Broken one
    // is skipped for good.
    void update(TimePoint now, const ReadyFn& ready);

    // Items in playlist order; `items()[current_item()]` is on screen.
    const std::vector<PlayItem>& items() const { return m_items; }
    std::optional<std::size_t> current_slide() const;
    std::optional<std::size_t> previous_slide() const; // Only while the transition runs.
    std::optional<std::size_t>
    upcoming_slide() const; // What follows the current one (to decode ahead).
    TimePoint current_start() const { return m_start; }
    Transition transition() const;
    // 0 at the start of the transition into the current slide, 1 when it is over.
    double transition_progress(TimePoint now) const;
    bool in_transition(TimePoint now) const { return transition_progress(now) < 1.0; }
    // The next moment the player itself changes state; max() while it waits for a decoder.
    TimePoint next_deadline(TimePoint now) const;
    // True when nothing in the playlist can be shown.
    bool exhausted() const;

private:
    std::optional<std::size_t> find_next(std::size_t after, bool include_self, const ReadyFn& ready,
                                         bool& pending);

    std::vector<PlayItem> m_items;
    std::vector<bool> m_broken; // By item.
    Duration m_transition_length;
    std::optional<std::size_t> m_current; // Item index.
    std::optional<std::size_t> m_previous;
    TimePoint m_start{};
    bool m_waiting{false};
    std::size_t m_first{0};
};

} // namespace kiosk::content

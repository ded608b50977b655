// The schedule as a state machine on an injected time: which slide is on screen, and the
// transition into it. It follows the playlist, skips slides whose window is closed, interleaves
// notices every N playlist slides, and lets an emergency take the screen the moment its window
// opens, for as long as it stays open.
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
    Window window;
};

struct Schedule {
    std::vector<PlayItem> playlist;    // Normal slides, in order.
    std::vector<PlayItem> notices;     // Interleaved every `notice_every` playlist slides.
    std::vector<PlayItem> emergencies; // Take the screen while their window is open.
    int notice_every{4};
    std::chrono::minutes utc_offset{};
};

// Whether a slide can go on screen now: its images decoded, still decoding, or undecodable.
enum class Readiness { Ready, Pending, Broken };

// One slide's time on screen, reported when it ends (proof of play).
struct Played {
    std::size_t slide{};
    TimePoint start;
    TimePoint end;
};

class Player {
public:
    using ReadyFn = std::function<Readiness(std::size_t slide)>;
    using PlayedFn = std::function<void(const Played&)>;

    explicit Player(Schedule schedule, Duration transition_length = std::chrono::seconds{1});
    // The old interface: a plain playlist, every slide always valid.
    explicit Player(std::vector<PlayItem> playlist,
                    Duration transition_length = std::chrono::seconds{1});

    // The first update starts at playlist item `item` instead of the first (to check one slide).
    void begin_at(std::size_t item) { m_first = item < m_s.playlist.size() ? item : 0; }
    void on_played(PlayedFn fn) { m_on_played = std::move(fn); }

    // Moves through every change up to `now`, each at its exact time: slide ends, windows closing,
    // emergencies starting. A next slide still Pending holds the current one on screen (the
    // transition waits for the decoder); a Broken one is skipped for good.
    void update(TimePoint now, const ReadyFn& ready);
    // Reports the slide on screen as played until `now` (at exit).
    void finish(TimePoint now);

    const std::vector<PlayItem>& items() const { return m_s.playlist; }
    std::optional<std::size_t> current_slide() const;
    std::optional<std::size_t> previous_slide() const; // Only while the transition runs.
    std::optional<std::size_t> upcoming_slide() const; // What the playlist shows next.
    bool emergency() const { return m_kind == Kind::Emergency; }
    TimePoint current_start() const { return m_start; }
    Duration current_duration() const {
        const PlayItem* c = current_item();
        return c != nullptr ? c->duration : Duration{};
    }
    Transition transition() const { return m_transition; }
    // 0 at the start of the transition into the current slide, 1 when it is over.
    double transition_progress(TimePoint now) const;
    bool in_transition(TimePoint now) const { return transition_progress(now) < 1.0; }
    // The next moment the player itself changes state; max() while it waits for a decoder.
    TimePoint next_deadline(TimePoint now) const;
    // True when nothing in the schedule can ever be shown (all broken or none at all).
    bool exhausted() const;
    // True while a decoder is awaited before the next slide can start.
    bool waiting() const { return m_waiting; }

private:
    enum class Kind { None, Playlist, Notice, Emergency };
    const PlayItem* current_item() const;
    TimePoint next_event() const;
    void step(TimePoint t, const ReadyFn& ready);
    bool try_show(Kind kind, std::size_t index, TimePoint t, const ReadyFn& ready, bool& pending);
    bool pick_emergency(TimePoint t, const ReadyFn& ready, bool& pending);
    bool pick_normal(TimePoint t, const ReadyFn& ready, bool& pending);
    void show(Kind kind, std::size_t index, TimePoint t);
    void mark_broken(std::size_t slide);
    bool broken(std::size_t slide) const;

    Schedule m_s;
    Duration m_transition_length;
    std::vector<std::size_t> m_broken; // Slide indexes.
    Kind m_kind{Kind::None};
    std::size_t m_index{0};        // Into the list of m_kind.
    std::size_t m_playlist_pos{0}; // Last playlist item shown (the loop resumes after it).
    bool m_started{false};
    std::size_t m_first{0};
    int m_since_notice{0};
    std::size_t m_notice_next{0};
    std::optional<std::size_t> m_previous; // Slide index.
    Transition m_transition{Transition::Cut};
    TimePoint m_start{};
    TimePoint m_log_start{};            // When the slide on screen first came on (it may restart).
    TimePoint m_time{TimePoint::min()}; // The moment the state was last brought up to date.
    bool m_waiting{false};
    PlayedFn m_on_played;
};

} // namespace kiosk::content

// One bad slide must never black out a board. Before the risky steps of a slide (laying it out,
// decoding its pictures, its first frame) the slide is noted in a small state file; if the program
// dies there (a signal, an abort, the service watchdog) twice, later starts skip that slide until
// a new version comes, and say so once in the log, on the admin screen and in the fleet status.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kiosk::engine {

class SlideGuard {
public:
    // Deaths in one slide after which it is skipped.
    static constexpr int kDeathsToSkip = 2;

    // No file: nothing is remembered across starts (a development run without a state folder).
    explicit SlideGuard(std::optional<std::filesystem::path> file = std::nullopt);
    // An orderly end (SIGTERM, the admin screen, --run-for) was not a death in the slide.
    ~SlideGuard();
    SlideGuard(SlideGuard&&) = default;
    SlideGuard& operator=(SlideGuard&&) = default;

    // The bundle now playing, as "channel version" (a local bundle by its folder). What the file
    // says of another bundle is forgotten: a new version tries every slide again.
    void set_bundle(const std::string& key);

    // The slide's risky steps begin. Noted in the file unless the slide has already been shown
    // once by this process for this bundle (a slide that drew once is not risky again). False
    // for a skipped slide: the caller leaves it alone.
    [[nodiscard]] bool entering(const std::string& slide_id);
    // The slide's first frame is on screen with everything in it.
    void shown(const std::string& slide_id);

    bool skipped(const std::string& slide_id) const { return m_skipped.contains(slide_id); }
    // Slides skipped for this bundle, for the admin screen and the fleet status.
    std::vector<std::string> skipped_slides() const;

private:
    void save() const;

    std::optional<std::filesystem::path> m_file;
    std::string m_bundle;
    std::map<std::string, int> m_deaths; // By slide id, for m_bundle.
    std::set<std::string> m_skipped;
    std::set<std::string> m_proven; // Shown by this process.
    std::string m_entered;          // Noted in the file: the slide being prepared.
    // What the file held at start, until the bundle it speaks of is known.
    std::string m_loaded_bundle;
    std::string m_loaded_entered;
    std::map<std::string, int> m_loaded_deaths;
};

// The test hook: the program aborts when it enters the slide named by KIOSK_FAULT_CRASH_SLIDE.
void crash_if_asked(const std::string& slide_id);

} // namespace kiosk::engine

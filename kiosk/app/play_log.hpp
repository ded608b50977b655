// Proof of play: every slide shown and every touch, one CSV file a day in the bundle's time zone.
#pragma once

#include "kiosk/app/play_log_retention.hpp"
#include "kiosk/core/time.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

namespace kiosk::app {

// Columns: type (slide or touch), start, end, display, slide, bundle. The bundle is named by
// channel and version (`hall-a/12`) for a display that follows a channel, by its version for a
// local one. Times are ISO 8601 with the bundle's offset. Lines are flushed as they are written:
// power may be cut at any moment.
class PlayLog {
public:
    PlayLog(std::filesystem::path dir, std::string display_id, std::chrono::minutes utc_offset);
    ~PlayLog();
    PlayLog(const PlayLog&) = delete;
    PlayLog& operator=(const PlayLog&) = delete;

    void slide(const std::string& slide_id, TimePoint start, TimePoint end,
               const std::string& bundle);
    void touch(const std::string& slide_id, TimePoint at, const std::string& bundle);

    static constexpr const char* kHeader = "type,start,end,display,slide,bundle";
    // Old days are pruned whenever a new day's file is opened (play_log_retention.hpp).
    void set_retention(const PlayLogRetention& r) { m_retention = r; }

private:
    void write(const char* type, const std::string& slide_id, TimePoint start, TimePoint end,
               const std::string& bundle);

    std::filesystem::path m_dir;
    std::string m_display;
    std::chrono::minutes m_offset;
    std::string m_day; // The day of the open file.
    std::FILE* m_file{nullptr};
    bool m_failed{false};
    PlayLogRetention m_retention;
    std::uint64_t m_day_bytes{0}; // Of the open file.
    bool m_day_full{false};       // Today's share of the cap is used up (said once).
};

} // namespace kiosk::app

// Proof-of-play files.
#include "kiosk/app/play_log.hpp"

#include "kiosk/core/csv_writer.hpp"
#include "kiosk/core/log.hpp"

namespace kiosk::app {

PlayLog::PlayLog(std::filesystem::path dir, std::string display_id, std::chrono::minutes utc_offset)
    : m_dir(std::move(dir)), m_display(std::move(display_id)), m_offset(utc_offset) {
    std::error_code ec;
    std::filesystem::create_directories(m_dir, ec);
    if (ec)
        log::error("play-log", m_dir.string() + ": cannot be made (" + ec.message() + ")");
}

PlayLog::~PlayLog() {
    if (m_file != nullptr)
        std::fclose(m_file);
}

void PlayLog::slide(const std::string& slide_id, TimePoint start, TimePoint end,
                    const std::string& bundle) {
    write("slide", slide_id, start, end, bundle);
}

void PlayLog::touch(const std::string& slide_id, TimePoint at, const std::string& bundle) {
    write("touch", slide_id, at, at, bundle);
}

void PlayLog::write(const char* type, const std::string& slide_id, TimePoint start, TimePoint end,
                    const std::string& bundle) {
    std::string day = format_iso(start, m_offset).substr(0, 10);
    if (day != m_day || m_file == nullptr) {
        if (m_file != nullptr)
            std::fclose(m_file);
        m_day = day;
        auto path = m_dir / ("play-" + day + ".csv");
        std::error_code ec;
        bool fresh =
            !std::filesystem::exists(path, ec) || std::filesystem::file_size(path, ec) == 0;
        m_file = std::fopen(path.c_str(), "ab");
        if (m_file == nullptr) {
            if (!m_failed)
                log::error("play-log", path.string() + ": cannot be written");
            m_failed = true;
            return;
        }
        m_failed = false;
        if (fresh)
            std::fprintf(m_file, "%s\n", kHeader);
        m_day_bytes = fresh ? 0 : std::filesystem::file_size(path, ec);
        m_day_full = false;
        std::string trusted_day;
        if (m_retention.trusted_time)
            if (auto t = m_retention.trusted_time(); t && *t > TimePoint{})
                trusted_day = format_iso(*t, m_offset).substr(0, 10);
        prune_play_logs(m_dir, m_day, m_retention, trusted_day);
    }
    // One day may use half the cap (a stuck touch screen must not push out the other days).
    if (m_day_bytes > m_retention.max_bytes / 2) {
        if (!m_day_full)
            log::warn("play-log", "play-" + m_day + ".csv is full (" +
                                      std::to_string(m_retention.max_bytes / 2 >> 20) +
                                      " MB): no more lines today");
        m_day_full = true;
        return;
    }
    std::string line = csv_line({type, format_iso(start, m_offset), format_iso(end, m_offset),
                                 m_display, slide_id, bundle});
    std::fwrite(line.data(), 1, line.size(), m_file);
    m_day_bytes += line.size();
    std::fflush(m_file);
}

} // namespace kiosk::app

// The log writes whole lines under a mutex so lines of different threads never interleave.
#include "kiosk/core/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace kiosk::log {
namespace {

// The log is the one process-wide object: every layer and thread writes to the same stderr.
std::atomic<Level> g_level{Level::Info};
std::mutex g_mutex;

const char* name(Level l) {
    switch (l) {
    case Level::Debug:
        return "debug";
    case Level::Info:
        return "info";
    case Level::Warn:
        return "warning";
    case Level::Error:
        return "error";
    }
    return "?";
}

} // namespace

void set_level(Level level) {
    g_level = level;
}

void write(Level level, std::string_view tag, std::string_view message) {
    if (level < g_level.load())
        return;
    std::string line;
    line.reserve(tag.size() + message.size() + 16);
    line += name(level);
    line += ": ";
    line += tag;
    line += ": ";
    line += message;
    line += '\n';
    std::lock_guard lock(g_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace kiosk::log

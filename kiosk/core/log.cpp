// The log writes whole lines under a mutex so lines of different threads never interleave.
#include "kiosk/core/log.hpp"

#include "kiosk/core/repeat_limit.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace kiosk::log {
namespace {

// The log is the one process-wide object: every layer and thread writes to the same stderr.
std::atomic<Level> g_level{Level::Info};
std::atomic<bool> g_syslog_prefix{false};
std::mutex g_mutex;
RepeatLimiter g_repeats{5, std::chrono::minutes{10}}; // Guarded by g_mutex.

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

const char* priority(Level l) {
    switch (l) {
    case Level::Debug:
        return "<7>";
    case Level::Info:
        return "<6>";
    case Level::Warn:
        return "<4>";
    case Level::Error:
        return "<3>";
    }
    return "<6>";
}

} // namespace

void set_level(Level level) {
    g_level = level;
}

void set_syslog_prefix(bool on) {
    g_syslog_prefix = on;
}

void write(Level level, std::string_view tag, std::string_view message, Repeat repeat) {
    if (level < g_level.load())
        return;
    std::string line;
    line.reserve(tag.size() + message.size() + 16);
    if (g_syslog_prefix.load())
        line += priority(level);
    line += name(level);
    line += ": ";
    line += tag;
    line += ": ";
    line += message;
    std::lock_guard lock(g_mutex);
    if (level >= Level::Warn && repeat == Repeat::Limited) {
        auto verdict =
            g_repeats.admit(RepeatLimiter::kind_of(tag, message), std::chrono::steady_clock::now());
        if (!verdict.write)
            return;
        if (verdict.held_back > 0)
            line += " (" + std::to_string(verdict.held_back) +
                    " more like this were held back in the last 10 minutes)";
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace kiosk::log

// The one tagged, thread-safe log. Lines go to stderr (journald picks them up under systemd).
#pragma once

#include <string_view>

namespace kiosk::log {

enum class Level { Debug, Info, Warn, Error };

// Lines below `level` are dropped. Set once in main before threads start.
void set_level(Level level);

// Under systemd, stderr goes to the journal: a `<N>` prefix (syslog priority) gives each line its
// level there. Set once in main before threads start.
void set_syslog_prefix(bool on);

// The same warning or error (digits aside) is written at most 5 times in 10 minutes; the next one
// after that says how many were held back.

// Repeat::Always: a security-relevant line (a wrong admin PIN) is never held back.
enum class Repeat { Limited, Always };
void write(Level level, std::string_view tag, std::string_view message,
           Repeat repeat = Repeat::Limited);

inline void debug(std::string_view tag, std::string_view m) {
    write(Level::Debug, tag, m);
}
inline void info(std::string_view tag, std::string_view m) {
    write(Level::Info, tag, m);
}
inline void warn(std::string_view tag, std::string_view m) {
    write(Level::Warn, tag, m);
}
inline void error(std::string_view tag, std::string_view m) {
    write(Level::Error, tag, m);
}
// A warning that is written every time, however often it repeats.
inline void security(std::string_view tag, std::string_view m) {
    write(Level::Warn, tag, m, Repeat::Always);
}

} // namespace kiosk::log

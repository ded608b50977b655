// The one tagged, thread-safe log. Lines go to stderr (journald picks them up under systemd).
#pragma once

#include <string_view>

namespace kiosk::log {

enum class Level { Debug, Info, Warn, Error };

// Lines below `level` are dropped. Set once in main before threads start.
void set_level(Level level);

void write(Level level, std::string_view tag, std::string_view message);

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

} // namespace kiosk::log

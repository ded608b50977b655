// Where the program's own files (font, default assets, sample content) are.
#pragma once

#include <filesystem>
#include <optional>

namespace kiosk::platform {

// The first folder holding fonts/kiosk-cjk.ttf: `preferred`, then beside the program
// (`<exe>/..`, `<exe>/../share/kiosk`), then the source tree it was built from, then the install
// prefix.
std::optional<std::filesystem::path>
find_data_dir(const std::optional<std::filesystem::path>& preferred);

} // namespace kiosk::platform

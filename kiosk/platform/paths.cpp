// Data folder lookup.
#include "kiosk/platform/paths.hpp"

#include <vector>

namespace kiosk::platform {

std::optional<std::filesystem::path>
find_data_dir(const std::optional<std::filesystem::path>& preferred) {
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (preferred)
        candidates.push_back(*preferred);
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        candidates.push_back(exe.parent_path().parent_path());
        candidates.push_back(exe.parent_path().parent_path() / "share" / "kiosk");
    }
    candidates.emplace_back(KIOSK_SOURCE_DATA_DIR);
    candidates.emplace_back(KIOSK_INSTALL_DATA_DIR);
    for (const auto& c : candidates)
        if (fs::exists(c / "fonts" / "kiosk-cjk.ttf", ec))
            return c;
    return std::nullopt;
}

} // namespace kiosk::platform

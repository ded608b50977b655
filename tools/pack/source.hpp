// An operator's source folder (settings.ini, posters, notices, timetable and results CSV) turned
// into a bundle: checked with every problem named, then written (docs/authoring.md).
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/core/geometry.hpp"
#include "kiosk/core/time.hpp"
#include "origins.hpp"
#include "problems.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace kiosk::pack {

struct PackOptions {
    TimePoint now; // For "already expired" warnings.
    std::optional<Size>
        screen; // For "smaller than the screen"; default from settings, else 1920x1080.
    // Draws SVGs in a child process with the display's limits (media/svg_child.hpp); in this
    // process when empty.
    std::filesystem::path svg_program;
};

struct Packed {
    std::string manifest_json; // Without the asset list; write_bundle adds it.
    std::map<std::string, std::filesystem::path> copies; // Logical name → source file.
    std::map<std::string, std::string> generated;        // Logical name → contents (data files).
    TextOrigins origins;     // Where every text that reaches the screen was written.
    Size screen{1920, 1080}; // The screen the bundle is made for (--size, else [bundle] screen).
};

// Reads and checks the folder. Returns nothing when there is any error; warnings alone still pack.
std::optional<Packed> pack_source(const std::filesystem::path& dir, const PackOptions& options,
                                  Problems& problems);

// Writes the bundle into `out` (replacing what was there only once the new one is complete):
// every asset copied, hashed and listed in manifest.json.
Result<void> write_bundle(const Packed& packed, const std::filesystem::path& out);

} // namespace kiosk::pack

// kiosk-pack check lays out what the displays will lay out, with the display's own code and fonts:
// every notice, every day of the schedule board, every page of every results board, the header
// and every slogan, at the bundle's screen size and on a portrait screen. It warns, with the file
// and line the text came from, about text that will be cut, characters no font can draw, and
// notices that need more pages than their time can show readably. A crash in that code is an
// error naming the slide, never a crash of kiosk-pack: the layout runs in a child process.
#pragma once

#include "kiosk/content/bundle.hpp"
#include "kiosk/core/geometry.hpp"
#include "origins.hpp"
#include "problems.hpp"
#include "source.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kiosk::pack {

struct LayoutCheck {
    Size screen{1920, 1080};
    std::filesystem::path font; // The display's CJK font; the system's fallbacks follow it.
};

// Reading speed assumed for a notice on a board: characters a second, and the least time a page
// is worth.
inline constexpr double kReadCharsPerSecond = 8.0;
inline constexpr int kLeastSecondsAPage = 4;

// The bundle a packed folder makes, in memory, for laying out: the manifest and the data files
// read as a display reads them; pictures are not needed to lay text out, so none is copied.
Result<std::shared_ptr<const content::Bundle>> bundle_for_layout(const Packed& packed);

// Runs the checks in a child process and adds what they find to `problems`.
void check_layout(const content::Bundle& bundle, const TextOrigins& origins,
                  const LayoutCheck& options, Problems& problems);

// The checks themselves, in this process (the child's work; tests call it directly). `begin` is
// called with each slide's id before its layout starts.
void check_layout_here(const content::Bundle& bundle, const TextOrigins& origins,
                       const LayoutCheck& options, Problems& problems,
                       const std::function<void(const std::string&)>& begin = {},
                       const std::vector<std::string>& skip = {});

} // namespace kiosk::pack

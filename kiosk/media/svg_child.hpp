// Drawing SVGs: in this process, or in a child process with limits on its CPU time and memory.
// nanosvg cannot be interrupted, and a file of a few kilobytes can take minutes to draw (thousands
// of screen-sized shapes in one path), so the player draws every SVG in a child it can stop.
#pragma once

#include "kiosk/core/geometry.hpp"
#include "kiosk/media/sdl_ptr.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::media {

// The child may use this much CPU time and address space; over either, the SVG is refused.
inline constexpr std::chrono::seconds kSvgCpuLimit{5};
inline constexpr std::uint64_t kSvgMemoryLimit = 768ull << 20;

// The argument that makes the kiosk (or kiosk-pack) the drawing child: `PROGRAM --draw-svg W H FIT`
// reads an SVG on its standard input and writes "W H\n" and W*H ARGB8888 pixels to its output.
inline constexpr std::string_view kDrawSvgArgument = "--draw-svg";
int run_svg_child(int argc, char** argv);

// Draws `bytes` to fill `target` as `fit` says (in a box never larger than that, whatever size the
// file claims). `name` is the file's name for messages; on failure `error` says why.
SurfacePtr draw_svg(std::string_view bytes, Size target, Fit fit, const std::string& name,
                    std::string& error);

// The same in a child process: `program` run with kDrawSvgArgument, stopped after kSvgCpuLimit of
// CPU (or twice that of wall time) and refused more than kSvgMemoryLimit of memory.
SurfacePtr draw_svg_in_child(const std::filesystem::path& program, std::string_view bytes,
                             Size target, Fit fit, const std::string& name, std::string& error);

} // namespace kiosk::media

// Which SDL renderer draws into the window. SDL's software renderer blits the pre-scaled posters
// with SIMD copies and blends; SDL's OpenGL renderer is faster only on a real GPU. Without one,
// Mesa emulates OpenGL on the CPU (llvmpipe): dearer per frame, 270 ms slower to start and about
// 70 MB more memory (docs/performance.md).
#pragma once

#include "kiosk/core/error.hpp"

#include <filesystem>
#include <string>

namespace kiosk::platform {

enum class RendererChoice {
    Auto,        // Accelerated where the machine has a GPU, software otherwise.
    Software,    // SDL's software renderer, whatever the machine has.
    Accelerated, // SDL's accelerated renderer (OpenGL, GLES), software if there is none.
};

Result<RendererChoice> parse_renderer(const std::string& name);
const char* renderer_name(RendererChoice choice);

// Auto resolved: Accelerated when `has_gpu`, Software otherwise; the others stay as they are.
RendererChoice resolve_renderer(RendererChoice choice, bool has_gpu);

// Whether the kernel exposes a GPU for rendering: a DRM render node (renderD*) in `dri_dir`.
bool has_gpu_device(const std::filesystem::path& dri_dir = "/dev/dri");

} // namespace kiosk::platform

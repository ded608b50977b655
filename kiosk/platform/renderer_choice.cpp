// The renderer choice and the GPU check.
#include "kiosk/platform/renderer_choice.hpp"

namespace kiosk::platform {

Result<RendererChoice> parse_renderer(const std::string& name) {
    if (name == "auto")
        return RendererChoice::Auto;
    if (name == "software")
        return RendererChoice::Software;
    if (name == "accelerated")
        return RendererChoice::Accelerated;
    return fail("\"" + name + "\" is not a renderer: auto, software or accelerated");
}

const char* renderer_name(RendererChoice choice) {
    switch (choice) {
    case RendererChoice::Auto:
        return "auto";
    case RendererChoice::Software:
        return "software";
    case RendererChoice::Accelerated:
        return "accelerated";
    }
    return "auto";
}

RendererChoice resolve_renderer(RendererChoice choice, bool has_gpu) {
    if (choice != RendererChoice::Auto)
        return choice;
    return has_gpu ? RendererChoice::Accelerated : RendererChoice::Software;
}

bool has_gpu_device(const std::filesystem::path& dri_dir) {
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dri_dir, ec), end; !ec && it != end;
         it.increment(ec)) {
        if (it->path().filename().string().starts_with("renderD"))
            return true;
    }
    return false;
}

} // namespace kiosk::platform

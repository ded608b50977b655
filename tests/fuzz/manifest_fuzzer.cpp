// A bundle's manifest.json, as a bundle folder or a channel delivers it.
#include "fuzz_util.hpp"
#include "kiosk/content/manifest.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<kiosk::content::Warning> warnings;
    auto m = kiosk::content::parse_manifest(kiosk::fuzz::as_text(data, size), warnings);
    if (!m)
        return 0;
    // What passed validation is what the player relies on: every playlist entry is a slide.
    for (const auto& id : m->playlist) {
        bool found = false;
        for (const auto& s : m->slides)
            found = found || s.id == id;
        if (!found)
            std::abort();
    }
    return 0;
}

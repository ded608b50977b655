// The display's config file (display.json), as `kiosk --config` reads it.
#include "fuzz_util.hpp"
#include "kiosk/app/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)kiosk::app::parse_config(kiosk::fuzz::as_text(data, size), "display.json");
    return 0;
}

// The kiosk program's entry point.
#include "kiosk/app/options.hpp"
#include "kiosk/app/player_loop.hpp"
#include "kiosk/media/svg_child.hpp"

#include <chrono>
#include <cstdio>

int main(int argc, char** argv) {
    // The kiosk draws SVGs by running itself as a child with limits (media/svg_child.hpp).
    if (argc > 1 && argv[1] == kiosk::media::kDrawSvgArgument)
        return kiosk::media::run_svg_child(argc, argv);
    const auto process_start = std::chrono::steady_clock::now();
    std::vector<std::string> args(argv + 1, argv + argc);
    auto options = kiosk::app::parse_options(args);
    if (!options) {
        std::fprintf(stderr, "kiosk: %s\n", options.error().message.c_str());
        return 2;
    }
    if (options->help) {
        std::fputs(kiosk::app::usage().c_str(), stdout);
        return 0;
    }
    if (options->version) {
        std::printf("kiosk %s\n", KIOSK_VERSION_STRING);
        return 0;
    }
    return kiosk::app::run(*options, process_start);
}

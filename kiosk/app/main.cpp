// The kiosk program's entry point.
#include "kiosk/app/board.hpp"
#include "kiosk/app/options.hpp"
#include "kiosk/app/run.hpp"
#include "kiosk/media/svg_child.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <malloc.h>
#include <unistd.h>

int main(int argc, char** argv) {
    // The kiosk draws SVGs by running itself as a child with limits (media/svg_child.hpp).
    if (argc > 1 && argv[1] == kiosk::media::kDrawSvgArgument)
        return kiosk::media::run_svg_child(argc, argv);
    const auto process_start = std::chrono::steady_clock::now();
    // Pictures are large, short-lived buffers (a decoded 1080p poster is 6 to 8 MB). A fixed
    // threshold keeps every one of them in its own mapping, returned to the system when freed;
    // glibc's default would raise the threshold after the first and keep later ones in the heap,
    // where freed pictures stay resident (docs/performance.md).
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
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
    int status = kiosk::app::run(*options, process_start);
    if (status == kiosk::app::kRestartStatus) {
        // The admin screen asked for a restart: the same program, the same arguments, afresh.
        std::fflush(nullptr);
        execv("/proc/self/exe", argv);
        std::fprintf(stderr, "kiosk: cannot restart (%s); exiting for the service to restart\n",
                     std::strerror(errno));
        return 1;
    }
    return status;
}

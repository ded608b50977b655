// The process and its surroundings: the journal, the heap, the video driver.
#include "kiosk/platform/process.hpp"

#include "kiosk/core/log.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <string>
#include <sys/stat.h>

namespace kiosk::platform {

void use_journal_if_present() {
    const char* stream = std::getenv("JOURNAL_STREAM");
    struct stat st {};
    if (stream == nullptr || ::fstat(2, &st) != 0)
        return;
    unsigned long long dev = 0;
    unsigned long long ino = 0;
    if (std::sscanf(stream, "%llu:%llu", &dev, &ino) == 2 && dev == st.st_dev && ino == st.st_ino)
        log::set_syslog_prefix(true);
}

void release_free_memory() {
    ::malloc_trim(0);
}

void choose_video_driver(const char* name) {
    if (name != nullptr)
        ::setenv("SDL_VIDEODRIVER", name, 0);
}

void explain_video_failure() {
    const char* driver = std::getenv("SDL_VIDEODRIVER");
    std::string d = driver != nullptr ? driver : "";
    if (d == "kmsdrm")
        std::fputs(
            "KMSDRM draws straight on the screen (/dev/dri/card*) with no desktop. It needs:\n"
            "  - a kernel DRM driver for the GPU (Raspberry Pi: dtoverlay=vc4-kms-v3d),\n"
            "  - the user in the video and render groups (the package's kiosk user is),\n"
            "  - no desktop or other program holding the screen (systemctl disable --now gdm3),\n"
            "  - the package's service, not a login over SSH, to start it.\n"
            "docs/install.md has the steps for Debian 12 and Raspberry Pi OS.\n",
            stderr);
    else if (d == "wayland")
        std::fputs("Wayland needs a compositor and WAYLAND_DISPLAY: run under cage "
                   "(cage -- kiosk --config …); docs/install.md.\n",
                   stderr);
}

} // namespace kiosk::platform

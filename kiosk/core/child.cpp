// Process groups and waits with a deadline.
#include "kiosk/core/child.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

namespace kiosk {

bool init_spawn_in_own_group(void* attr) {
    auto* a = static_cast<posix_spawnattr_t*>(attr);
    return posix_spawnattr_init(a) == 0 && posix_spawnattr_setpgroup(a, 0) == 0 &&
           posix_spawnattr_setflags(a, POSIX_SPAWN_SETPGROUP) == 0;
}

void kill_group(pid_t pid) {
    if (pid > 0)
        ::kill(-pid, SIGKILL);
}

ChildEnd wait_child(pid_t pid, std::chrono::steady_clock::time_point deadline) {
    ChildEnd end;
    for (auto pause = std::chrono::milliseconds{1};;) {
        pid_t got = ::waitpid(pid, &end.status, WNOHANG);
        if (got == pid)
            break;
        if (got < 0 && errno != EINTR)
            break; // Not our child (already reaped): nothing to wait for.
        if (std::chrono::steady_clock::now() >= deadline) {
            end.timed_out = true;
            kill_group(pid);
            while (::waitpid(pid, &end.status, 0) < 0 && errno == EINTR) {
            }
            break;
        }
        // Short at first (most children end at once), then at most 20 ms between looks.
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds{20});
    }
    kill_group(pid); // Background children the command left behind end with it.
    return end;
}

} // namespace kiosk

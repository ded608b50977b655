// Child processes the kiosk starts (power commands, the SVG drawer): each in a process group of its
// own, so that whatever it starts in turn can be ended with it, and waited for with a deadline:
// waitpid alone has none.
#pragma once

#include <chrono>
#include <sys/types.h>

namespace kiosk {

// posix_spawn attributes that put the child in a new process group of its own (pgid = its pid).
// Call posix_spawnattr_destroy on them after the spawn.
bool init_spawn_in_own_group(void* posix_spawnattr);

struct ChildEnd {
    bool timed_out{false}; // The deadline passed: the group was killed.
    int status{0};         // waitpid's status.
};

// Waits for `pid` until `deadline`; past it, kills the child's whole process group with SIGKILL
// and reaps it. Either way what is left of the group (a command's background children) is
// killed too.
ChildEnd wait_child(pid_t pid, std::chrono::steady_clock::time_point deadline);

// Kills the process group `pid` leads (SIGKILL), if any of it is left.
void kill_group(pid_t pid);

} // namespace kiosk

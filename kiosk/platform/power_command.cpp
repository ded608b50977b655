// Power commands: posix_spawn of /bin/sh with the output captured, a timeout, one log line each.
#include "kiosk/platform/power_command.hpp"

#include "kiosk/core/child.hpp"
#include "kiosk/core/log.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

extern char** environ;

namespace kiosk::platform {

CommandResult run_command(const std::string& command, std::chrono::milliseconds timeout) {
    CommandResult r;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        r.output = std::string("cannot make a pipe: ") + std::strerror(errno);
        return r;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    // In a process group of its own: a timeout ends the command and whatever it started.
    posix_spawnattr_t attr;
    bool grouped = init_spawn_in_own_group(&attr);
    const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
    pid_t pid = 0;
    int rc = ::posix_spawn(&pid, "/bin/sh", &actions, grouped ? &attr : nullptr,
                           const_cast<char**>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (grouped)
        posix_spawnattr_destroy(&attr);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        r.output = std::string("cannot start /bin/sh: ") + std::strerror(rc);
        return r;
    }
    r.started = true;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buf[1024];
    // Output until the command closes it, exits, or the deadline comes: a child left in the
    // background may hold the pipe open for ever, and a command may close its output and go on.
    int status = 0;
    bool exited = false;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
        if (left <= 0)
            break;
        pollfd p{fds[0], POLLIN, 0};
        int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 20)));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready > 0) {
            auto n = ::read(fds[0], buf, sizeof buf);
            if (n <= 0)
                break; // End of output: only the exit is left to wait for.
            if (r.output.size() < 4096)
                r.output.append(buf, static_cast<std::size_t>(std::min<ssize_t>(
                                         n, static_cast<ssize_t>(4096 - r.output.size()))));
            continue;
        }
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            exited = true;
            break;
        }
    }
    ::close(fds[0]);
    if (exited) {
        kill_group(pid); // What it left running in the background ends with it.
    } else {
        auto end = wait_child(pid, deadline);
        r.timed_out = end.timed_out;
        status = end.status;
    }
    if (!r.timed_out && WIFEXITED(status))
        r.exit_code = WEXITSTATUS(status);
    return r;
}

PowerSwitch::PowerSwitch(std::string on_command, std::string off_command,
                         std::chrono::milliseconds timeout)
    : m_on(std::move(on_command)), m_off(std::move(off_command)), m_timeout(timeout),
      m_thread([this] { work(); }) {}

PowerSwitch::~PowerSwitch() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void PowerSwitch::request(bool on) {
    {
        std::lock_guard lock(m_mutex);
        m_wanted = on;
    }
    m_cv.notify_all();
}

void PowerSwitch::work() {
    for (;;) {
        bool on = false;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stop || m_wanted; });
            if (m_stop)
                return;
            on = *std::exchange(m_wanted, std::nullopt);
        }
        const std::string& command = on ? m_on : m_off;
        const char* what = on ? "screen on" : "screen off";
        if (command.empty())
            continue;
        auto r = run_command(command, m_timeout);
        std::string output = r.output;
        while (!output.empty() && (output.back() == '\n' || output.back() == '\r'))
            output.pop_back();
        for (auto& c : output)
            if (c == '\n' || c == '\r')
                c = ' ';
        std::string line = std::string(what) + ": `" + command + "` ";
        if (!r.started)
            log::error("power", line + "did not start: " + output);
        else if (r.timed_out)
            log::error("power", line + "was killed after " +
                                    std::to_string(m_timeout.count() / 1000) + " s" +
                                    (output.empty() ? "" : ": " + output));
        else if (r.exit_code != 0)
            log::error("power", line + "failed with status " + std::to_string(r.exit_code) +
                                    (output.empty() ? "" : ": " + output));
        else
            log::info("power", line + "done" + (output.empty() ? "" : ": " + output));
    }
}

} // namespace kiosk::platform

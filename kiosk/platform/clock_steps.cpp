// Reading the clock's steps from standard input.
#include "kiosk/platform/clock_steps.hpp"

#include "kiosk/core/log.hpp"

#include <poll.h>
#include <unistd.h>

#include <cstdio>

namespace kiosk::platform {

Result<TimePoint> parse_clock_step(const std::string& line) {
    std::string text = line;
    while (!text.empty() && (text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    auto t = parse_datetime(text);
    if (!t)
        return fail("--step-clock: \"" + text + "\" is not a time like 2020-11-08T09:30:00+08:00");
    return *t;
}

ClockSteps::ClockSteps(SteppedClock& clock, int fd, std::function<void()> wake)
    : m_clock(clock), m_wake(std::move(wake)), m_announced(clock.limit()) {
    if (::pipe(m_stop_pipe) != 0) {
        log::error("clock", "--step-clock: no pipe; the clock runs freely");
        m_clock.set_limit(std::nullopt);
        return;
    }
    m_thread = std::thread([this, fd] { read_lines(fd); });
}

ClockSteps::~ClockSteps() {
    if (m_stop_pipe[1] >= 0) {
        char c = 0;
        (void)!::write(m_stop_pipe[1], &c, 1);
    }
    if (m_thread.joinable())
        m_thread.join();
    for (int fd : m_stop_pipe)
        if (fd >= 0)
            ::close(fd);
}

void ClockSteps::read_lines(int fd) {
    std::string pending;
    char buf[512];
    for (;;) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {m_stop_pipe[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0)
            continue;
        if (fds[1].revents != 0)
            return;
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) {
            // The end of the steps: the clock runs on (--run-until or a signal ends the run).
            log::info("clock", "--step-clock: end of input; simulated time runs on");
            m_clock.set_limit(std::nullopt);
            if (m_wake)
                m_wake();
            return;
        }
        pending.append(buf, static_cast<std::size_t>(n));
        for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
            std::string line = pending.substr(0, nl);
            pending.erase(0, nl + 1);
            if (line.empty())
                continue;
            auto t = parse_clock_step(line);
            if (!t) {
                log::error("clock", t.error().message);
                continue;
            }
            m_clock.set_limit(*t);
            if (m_wake)
                m_wake();
        }
    }
}

void ClockSteps::tend(TimePoint now, bool waiting_for_decoder) {
    m_clock.pause(waiting_for_decoder);
    auto limit = m_clock.limit();
    if (!limit || now < *limit || m_announced == limit)
        return;
    m_announced = limit;
    std::printf("clock at %s\n", format_iso(*limit, std::chrono::minutes{0}).c_str());
    std::fflush(stdout);
}

} // namespace kiosk::platform

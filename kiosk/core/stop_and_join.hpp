// The one way the program's background threads (the channel's sync, the results feed, the fleet
// reporter) are stopped: the flag they wait on is set under their mutex, they are woken, and
// joined.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

namespace kiosk {

// `stop` is guarded by `mutex`; the thread waits on `cv` with a predicate that reads `stop`.
inline void stop_and_join(std::mutex& mutex, bool& stop, std::condition_variable& cv,
                          std::thread& thread) {
    {
        std::lock_guard lock(mutex);
        stop = true;
    }
    cv.notify_all();
    if (thread.joinable())
        thread.join();
}

} // namespace kiosk

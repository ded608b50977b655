// The live results feed: a small signed document the scoring desk republishes many times a day.
// Polled every few seconds with conditional requests on its own thread; only a higher sequence
// number with a good signature replaces the results on screen, and the last good feed is kept on
// disk for the next start.
#pragma once

#include "kiosk/content/results.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/sync/http.hpp"
#include "kiosk/sync/signature.hpp"

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

namespace kiosk::sync {

struct FeedSettings {
    std::string url; // …/feeds/<channel>/results.json
    std::vector<PublicKey> trusted_keys;
    std::chrono::milliseconds poll_interval{5000};
    std::filesystem::path keep_dir; // Where the last good feed is kept.
    std::vector<std::string> headers;
    // Set when the program is stopping: a transfer it cuts short is not the feed's fault.
    std::shared_ptr<const std::atomic<bool>> stopping;
};

struct FeedUpdate {
    std::shared_ptr<const content::Results> results;
    std::vector<std::string> changed; // entry_key()s new or changed since the previous feed.
    TimePoint received;
};

class FeedPoller {
public:
    FeedPoller(FeedSettings settings, HttpClient& http, const Clock& clock,
               std::function<void()> wake);
    ~FeedPoller();
    FeedPoller(const FeedPoller&) = delete;
    FeedPoller& operator=(const FeedPoller&) = delete;

    // The feed kept from the last run, if its signature still verifies.
    std::shared_ptr<const content::Results> load_kept();
    // One poll; true if a newer feed was taken. While the server is down (no answer, 5xx, 429)
    // the thread waits longer after each poll, as the channel's sync does (retry_wait).
    bool poll_once();
    void start();
    void stop();

    // A newer feed since the last call (main thread).
    std::optional<FeedUpdate> take_update();
    // When the feed last answered (200 or 304), for the stale marker.
    std::optional<TimePoint> last_contact() const;

private:
    bool refuse(const std::string& why);

    FeedSettings m_settings;
    HttpClient& m_http;
    const Clock& m_clock;
    std::function<void()> m_wake;
    std::string m_etag;          // Poll thread only.
    std::string m_last_modified; // Poll thread only.
    // The last poll found no server (no answer, 5xx, 429): the next waits longer. Poll thread.
    bool m_unanswered{false};
    std::optional<std::chrono::seconds> m_retry_after; // Poll thread only.
    std::mt19937 m_random{std::random_device{}()};
    std::shared_ptr<const content::Results> m_current; // Poll thread only (after start).

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::optional<FeedUpdate> m_update; // Guarded by m_mutex.
    std::optional<TimePoint> m_contact; // Guarded by m_mutex.
    std::string m_last_error;           // Guarded by m_mutex.
    bool m_stop{false};                 // Guarded by m_mutex.
    std::thread m_thread;
};

} // namespace kiosk::sync

// The sync thread: polls a channel's manifest on a static web server, checks its signature over the
// raw bytes, downloads only the objects the store lacks, verifies each, and activates the new
// version atomically. The main thread picks the new version up at a slide boundary.
#pragma once

#include "kiosk/content/bundle.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/sync/http.hpp"
#include "kiosk/sync/signature.hpp"
#include "kiosk/sync/store.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::sync {

struct SyncSettings {
    std::string server;  // `http://content.example:8080/` — the web root.
    std::string channel; // `hall-a`
    std::vector<PublicKey> trusted_keys;
    std::chrono::seconds poll_interval{60};
    std::string display_id;
    std::uint64_t max_manifest_bytes{4u << 20};
    std::uint64_t max_object_bytes{256u << 20};
    std::uint64_t max_total_bytes{2048ull << 20};
    int parallel_downloads{3};
    // Set when the program is stopping: a transfer it cuts short is no fault of the network.
    std::shared_ptr<const std::atomic<bool>> stopping;
};

struct SyncStatus {
    std::int64_t version{0}; // Active in the store.
    std::optional<TimePoint> last_success;
    std::string last_error;
    std::optional<TimePoint> last_error_at;
    std::uint64_t polls{0}; // Polls finished by the background thread, whatever their outcome.
    // What the sync is doing, for a display still waiting for its channel's first version:
    // "connecting", "downloading 3 of 11 objects", "waiting to ask again".
    std::string activity{"connecting"};
    bool key_untrusted{false}; // The channel's manifest is signed with a key not trusted here.
};

// How long to wait before the next request: `interval`, doubled after each failure up to ten
// times, with ±20% jitter, and never less than a server's Retry-After (at most an hour). Shared
// by the channel's poll and the results feed.
std::chrono::milliseconds retry_wait(std::chrono::milliseconds interval, int failures,
                                     std::optional<std::chrono::seconds> retry_after,
                                     std::mt19937& random);

class SyncEngine {
public:
    using ClientFactory = std::function<std::unique_ptr<HttpClient>()>;

    // `wake` is called (from the sync thread) when a new version is active, and after each poll.
    // `extra_clients` makes the clients of the parallel object downloads (none: one at a time on
    // `http`).
    SyncEngine(SyncSettings settings, Store& store, HttpClient& http, const Clock& clock,
               std::function<void()> wake, ClientFactory extra_clients = {});
    ~SyncEngine();
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    // One poll. Returns the version activated, if a new one was.
    std::optional<std::int64_t> poll_once();

    // The background thread: polls, then waits the interval (backing off with jitter after
    // failures, up to ten times the interval) until stopped.
    void start();
    void stop();

    // A version activated since the last call, loaded and verified (main thread).
    std::shared_ptr<const content::Bundle> take_new_bundle();
    // What the display shows, for the request headers.
    void set_shown_version(std::int64_t v);
    // The objects of the version on screen: never removed to make room while it is shown, even
    // when newer versions have become active and previous before the screen switched.
    void set_shown_objects(std::set<std::string> objects);
    SyncStatus status() const;

private:
    std::optional<std::int64_t> poll();
    bool fail_with(const std::string& why);
    void set_activity(std::string what);
    // The version's objects present and whole in the store (damaged ones removed); the rest.
    std::vector<std::pair<std::string, std::uint64_t>>
    missing_objects(const content::Manifest& manifest);
    // Loads a version whose objects are all in, and checks it can be shown: the loaded bundle,
    // or null after saying why not (damaged objects removed, to be fetched at the next poll).
    std::shared_ptr<const content::Bundle> load_checked(const content::Manifest& manifest,
                                                        const std::string& bytes);
    std::vector<std::string> headers() const;
    std::string url(const std::string& path) const;
    void announce(std::shared_ptr<const content::Bundle> bundle);
    bool fetch_object(HttpClient& http, const std::string& sha, std::uint64_t size);
    bool fetch_objects(const std::vector<std::pair<std::string, std::uint64_t>>& missing);

    SyncSettings m_settings;
    Store& m_store;
    HttpClient& m_http;
    const Clock& m_clock;
    std::function<void()> m_wake;
    ClientFactory m_extra_clients;
    std::string m_etag;                                // Sync thread only.
    std::string m_last_modified;                       // Sync thread only.
    std::optional<std::chrono::seconds> m_retry_after; // The server's least wait; sync thread.
    std::mt19937 m_random{std::random_device{}()};

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    SyncStatus m_status;                          // Guarded by m_mutex.
    std::shared_ptr<const content::Bundle> m_new; // Guarded by m_mutex.
    std::int64_t m_shown{0};                      // Guarded by m_mutex.
    std::set<std::string> m_shown_objects;        // Guarded by m_mutex.
    bool m_stop{false};                           // Guarded by m_mutex.
    std::thread m_thread;
};

} // namespace kiosk::sync

// Polling, verification, download and activation.
#include "kiosk/sync/sync_engine.hpp"
#include "kiosk/core/stop_and_join.hpp"

#include "kiosk/content/manifest.hpp"
#include "kiosk/content/showable.hpp"
#include "kiosk/content/url.hpp"
#include "kiosk/core/log.hpp"

#include <algorithm>
#include <atomic>
#include <set>
#include <utility>

namespace kiosk::sync {

std::chrono::milliseconds retry_wait(std::chrono::milliseconds interval, int failures,
                                     std::optional<std::chrono::seconds> retry_after,
                                     std::mt19937& random) {
    using std::chrono::milliseconds;
    // Doubling after each failure, at most ten intervals, with jitter so a fleet that lost its
    // server together does not come back in step.
    auto wait = interval * (failures <= 0 ? 1 : std::min(1 << std::min(failures, 4), 10));
    std::uniform_real_distribution<double> jitter(0.8, 1.2);
    auto ms =
        milliseconds(static_cast<long long>(static_cast<double>(wait.count()) * jitter(random)));
    // The server's Retry-After is the least wait (at most an hour: a server cannot silence a
    // display for good).
    if (retry_after)
        ms = std::max(ms, milliseconds(std::min(*retry_after, std::chrono::seconds{3600})));
    return ms;
}

SyncEngine::SyncEngine(SyncSettings settings, Store& store, HttpClient& http, const Clock& clock,
                       std::function<void()> wake, ClientFactory extra_clients)
    : m_settings(std::move(settings)), m_store(store), m_http(http), m_clock(clock),
      m_wake(std::move(wake)), m_extra_clients(std::move(extra_clients)) {
    if (auto active = m_store.active())
        m_status.version = active->version;
}

SyncEngine::~SyncEngine() {
    stop();
}

std::string SyncEngine::url(const std::string& path) const {
    // Joined by libcurl's URL API (the config's check refused a server it cannot join to).
    auto joined = content::join_url(m_settings.server, path);
    return joined ? *joined : m_settings.server + "/" + path;
}

std::vector<std::string> SyncEngine::headers() const {
    std::lock_guard lock(m_mutex);
    return {"X-Kiosk-Display: " + m_settings.display_id,
            "X-Kiosk-Version: " + std::to_string(m_shown)};
}

void SyncEngine::set_shown_objects(std::set<std::string> objects) {
    std::lock_guard lock(m_mutex);
    m_shown_objects = std::move(objects);
}

void SyncEngine::set_shown_version(std::int64_t v) {
    std::lock_guard lock(m_mutex);
    m_shown = v;
}

SyncStatus SyncEngine::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

std::shared_ptr<const content::Bundle> SyncEngine::take_new_bundle() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_new, nullptr);
}

bool SyncEngine::fail_with(const std::string& why) {
    if (m_settings.stopping && m_settings.stopping->load()) {
        // Cut short by the program's own stop: not a fault worth a warning.
        log::info("sync", "channel " + m_settings.channel + ": poll stopped (the program stops)");
        return false;
    }
    log::warn("sync", "channel " + m_settings.channel + ": " + why);
    std::lock_guard lock(m_mutex);
    m_status.last_error = why;
    m_status.last_error_at = m_clock.now();
    return false;
}

void SyncEngine::set_activity(std::string what) {
    {
        std::lock_guard lock(m_mutex);
        if (m_status.activity == what)
            return;
        m_status.activity = std::move(what);
    }
    // A display still waiting for its first version shows what the sync is doing.
    if (m_wake)
        m_wake();
}

std::optional<std::int64_t> SyncEngine::poll_once() {
    auto v = poll();
    return v;
}

bool SyncEngine::fetch_objects(const std::vector<std::pair<std::string, std::uint64_t>>& missing) {
    // A few transfers at once on their own connections; the first failure stops the others from
    // starting new objects (what they have is kept as partial files, to resume next time).
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::atomic<bool> failed{false};
    const std::string total = std::to_string(missing.size());
    set_activity("downloading 0 of " + total + " objects");
    auto worker = [&](HttpClient& http) {
        for (;;) {
            std::size_t i = next++;
            if (i >= missing.size() || failed)
                return;
            if (!fetch_object(http, missing[i].first, missing[i].second))
                failed = true;
            else
                set_activity("downloading " + std::to_string(++done) + " of " + total + " objects");
        }
    };
    std::vector<std::unique_ptr<HttpClient>> clients;
    if (m_extra_clients)
        for (int k = 1;
             k < m_settings.parallel_downloads && static_cast<std::size_t>(k) < missing.size(); ++k)
            if (auto c = m_extra_clients())
                clients.push_back(std::move(c));
    std::vector<std::thread> threads;
    for (auto& c : clients)
        threads.emplace_back(worker, std::ref(*c));
    worker(m_http);
    for (auto& t : threads)
        t.join();
    return !failed;
}

bool SyncEngine::fetch_object(HttpClient& http, const std::string& sha, std::uint64_t size) {
    HttpRequest req{url("objects/" + sha), headers(), "", "", size, m_store.partial_path(sha)};
    std::error_code ec;
    auto have = std::filesystem::exists(*req.to_file, ec)
                    ? std::filesystem::file_size(*req.to_file, ec)
                    : 0;
    if (have > size)
        std::filesystem::remove(*req.to_file, ec);
    // An empty object needs no request (the store makes its file).
    if (have != size && size > 0) {
        auto res = http.get(req);
        bool ok =
            res.error.empty() && (res.status == 200 || res.status == 206 || res.status == 416);
        if (!ok) {
            if (res.status == 200 && have > 0)
                std::filesystem::remove(*req.to_file,
                                        ec); // The server ignored the range: start over.
            return fail_with(
                "object " + sha + ": " +
                (res.error.empty() ? "HTTP " + std::to_string(res.status) : res.error));
        }
    }
    if (auto r = m_store.commit_object(sha, size); !r)
        return fail_with(r.error().message);
    return true;
}

std::vector<std::pair<std::string, std::uint64_t>>
SyncEngine::missing_objects(const content::Manifest& manifest) {
    std::set<std::string> seen;
    std::vector<std::pair<std::string, std::uint64_t>> missing;
    for (const auto& [name, info] : manifest.assets)
        if (seen.insert(info.sha256).second &&
            m_store.check_object(info.sha256, info.size) != Store::Check::Good)
            missing.emplace_back(info.sha256, info.size);
    return missing;
}

std::shared_ptr<const content::Bundle> SyncEngine::load_checked(const content::Manifest& manifest,
                                                                const std::string& bytes) {
    const std::string v = "version " + std::to_string(manifest.bundle_version);
    auto bundle = content::load_bundle_from_store(m_store.objects_dir(), bytes);
    if (!bundle) {
        fail_with(v + " cannot be loaded: " + bundle.error().message);
        return nullptr;
    }
    if (!(*bundle)->damaged.empty()) {
        // An object went bad between its check and now: never shown, fetched again next time.
        for (const auto& sha : (*bundle)->damaged)
            m_store.discard_object(sha, "found damaged while loading " + v);
        fail_with(v + ": " + (*bundle)->problems.front());
        return nullptr;
    }
    TimePoint now = std::max(m_clock.now(), m_store.trusted_time());
    if (auto why = content::nothing_to_show(**bundle, now, now + content::kShowableAhead)) {
        fail_with("manifest refused: " + v + " has nothing to show (" + *why + ")");
        return nullptr;
    }
    for (const auto& [name, info] : manifest.assets)
        m_store.mark_verified(info.sha256);
    return *bundle;
}

void SyncEngine::announce(std::shared_ptr<const content::Bundle> bundle) {
    // The bundle was loaded (every object hashed again) here, not on the main thread, which only
    // swaps a pointer at the next slide boundary.
    {
        std::lock_guard lock(m_mutex);
        m_status.version = bundle->manifest.bundle_version;
        m_status.last_success = m_clock.now();
        m_new = std::move(bundle);
    }
    if (m_wake)
        m_wake();
}

std::optional<std::int64_t> SyncEngine::poll() {
    const std::string base = "channels/" + m_settings.channel + "/manifest.json";
    set_activity("asking " + m_settings.server + " for the channel's manifest");
    m_retry_after.reset();
    auto res = m_http.get({url(base), headers(), m_etag, m_last_modified,
                           m_settings.max_manifest_bytes, std::nullopt});
    if (res.status == 304 && res.error.empty()) {
        std::lock_guard lock(m_mutex);
        m_status.last_success = m_clock.now();
        return std::nullopt;
    }
    if (!res.error.empty() || res.status != 200) {
        m_retry_after = res.retry_after;
        fail_with("manifest: " +
                  (res.error.empty() ? "HTTP " + std::to_string(res.status) : res.error));
        return std::nullopt;
    }
    auto sig = m_http.get({url(base + ".sig"), headers(), "", "", 1024, std::nullopt});
    if (!sig.error.empty() || sig.status != 200) {
        fail_with("manifest signature: " +
                  (sig.error.empty() ? "HTTP " + std::to_string(sig.status) : sig.error));
        return std::nullopt;
    }
    // The signature is checked over the exact bytes before any of them is parsed.
    auto key = verify(res.body, sig.body, m_settings.trusted_keys);
    {
        std::lock_guard lock(m_mutex);
        m_status.key_untrusted =
            !key && key.error().message.find("does not trust") != std::string::npos;
    }
    if (!key) {
        fail_with("manifest refused: " + key.error().message);
        return std::nullopt;
    }
    std::vector<content::Warning> warnings;
    auto manifest = content::parse_manifest(res.body, warnings);
    if (!manifest) {
        fail_with("manifest refused: " + manifest.error().message);
        return std::nullopt;
    }
    // What came over the network is taken whole or not at all: an asset with a bad name (one
    // that would leave the store) or a bad slide refuses the version.
    if (!warnings.empty()) {
        fail_with("manifest refused: " + warnings.front().what);
        return std::nullopt;
    }
    // The active version counts only when its stored manifest is whole and signed by a key
    // trusted here (a manifest truncated on disk is taken again from the channel).
    auto active = m_store.active();
    std::optional<std::string> active_key;
    if (active) {
        auto k = verify(active->bytes, active->signature, m_settings.trusted_keys);
        std::vector<content::Warning> w;
        if (k && content::parse_manifest(active->bytes, w))
            active_key = *k;
        else
            log::warn("store", "the stored manifest of version " + std::to_string(active->version) +
                                   " is damaged or no longer trusted; taking the channel's");
    }
    std::int64_t current = active_key ? active->version : 0;
    // Versions only go up for each signing key: its floor is the highest it signed here.
    std::int64_t floor = m_store.floor(*key);
    if (active_key && *active_key == *key)
        floor = std::max(floor, current);
    const bool same_as_active = active && manifest->bundle_version == active->version &&
                                (!active_key || active->bytes == res.body);
    if (manifest->bundle_version <= floor && !same_as_active) {
        fail_with("manifest refused: version " + std::to_string(manifest->bundle_version) +
                  " is not newer than version " + std::to_string(floor));
        return std::nullopt;
    }
    if (same_as_active && active_key) {
        // The same version again (after a restart). If an object went missing from the store or
        // was damaged (a disk fault, a hand that tidied up), fetch it again.
        auto missing = missing_objects(*manifest);
        if (!missing.empty()) {
            log::warn("sync", "version " + std::to_string(current) + ": " +
                                  std::to_string(missing.size()) +
                                  " objects missing or damaged in the store; fetching them again");
            if (!fetch_objects(missing))
                return std::nullopt;
            auto bundle = load_checked(*manifest, res.body);
            if (!bundle)
                return std::nullopt;
            announce(std::move(bundle));
        }
        m_etag = res.etag;
        m_last_modified = res.last_modified;
        std::lock_guard lock(m_mutex);
        m_status.last_success = m_clock.now();
        return std::nullopt;
    }
    // A clock without a battery may be in the past; the store remembers the newest trusted time.
    TimePoint now = std::max(m_clock.now(), m_store.trusted_time());
    if (manifest->expires && *manifest->expires <= now) {
        fail_with("manifest refused: version " + std::to_string(manifest->bundle_version) +
                  " expired at " + format_iso(*manifest->expires, manifest->utc_offset));
        return std::nullopt;
    }
    std::uint64_t total = 0;
    for (const auto& [name, info] : manifest->assets) {
        total += info.size;
        if (info.size > m_settings.max_object_bytes) {
            fail_with("manifest refused: " + name + " is " + std::to_string(info.size) +
                      " bytes, over the limit of " + std::to_string(m_settings.max_object_bytes));
            return std::nullopt;
        }
    }
    if (total > m_settings.max_total_bytes) {
        fail_with("manifest refused: " + std::to_string(total) + " bytes in all, over the limit");
        return std::nullopt;
    }
    std::set<std::string> wanted;
    for (const auto& [name, info] : manifest->assets)
        wanted.insert(info.sha256);
    // Every object already in the store is checked whole before it is reused.
    auto missing = missing_objects(*manifest);
    // Make room first: what neither this version, the active one nor the previous one uses can go.
    {
        std::set<std::string> keep = wanted;
        for (auto stored : {m_store.active(), m_store.previous()}) {
            std::vector<content::Warning> w;
            if (auto sm = stored ? content::parse_manifest(stored->bytes, w) : fail("none"))
                for (const auto& [n, info] : sm->assets)
                    keep.insert(info.sha256);
        }
        {
            std::lock_guard lock(m_mutex);
            keep.insert(m_shown_objects.begin(), m_shown_objects.end());
        }
        m_store.collect_garbage(keep);
    }
    if (!fetch_objects(missing))
        return std::nullopt;
    // Every object is present and verified; the version must have something to show.
    auto bundle = load_checked(*manifest, res.body);
    if (!bundle)
        return std::nullopt;
    // Switch, in one rename.
    if (auto r = m_store.activate({manifest->bundle_version, res.body, sig.body}); !r) {
        fail_with("activation: " + r.error().message);
        return std::nullopt;
    }
    m_store.raise_floor(*key, manifest->bundle_version);
    // The trusted time: when the version was published (or made), whichever is later.
    for (const auto& t : {manifest->created, manifest->published})
        if (t)
            m_store.remember_time(*t);
    // Keep what the active and previous versions use; the rest goes when the store is full.
    if (auto prev = m_store.previous()) {
        std::vector<content::Warning> w;
        if (auto pm = content::parse_manifest(prev->bytes, w))
            for (const auto& [n, info] : pm->assets)
                wanted.insert(info.sha256);
    }
    {
        std::lock_guard lock(m_mutex);
        wanted.insert(m_shown_objects.begin(), m_shown_objects.end());
    }
    m_store.collect_garbage(wanted);
    m_etag = res.etag;
    m_last_modified = res.last_modified;
    log::info("sync", "channel " + m_settings.channel + ": version " +
                          std::to_string(manifest->bundle_version) + " is active (signed by key " +
                          *key + ")");
    announce(std::move(bundle));
    return manifest->bundle_version;
}

void SyncEngine::start() {
    m_thread = std::thread([this] {
        int failures = 0;
        for (;;) {
            auto before = status().last_error_at;
            poll_once();
            bool failed = status().last_error_at != before;
            {
                std::lock_guard lock(m_mutex);
                ++m_status.polls;
            }
            if (m_wake)
                m_wake();
            failures = failed ? std::min(failures + 1, 10) : 0;
            // Back off after failures (doubling, at most ten intervals), with jitter so a fleet
            // that lost its server together does not come back in step.
            auto ms = retry_wait(m_settings.poll_interval, failures, m_retry_after, m_random);
            set_activity(failures > 0 ? "waiting to ask again" : "up to date");
            std::unique_lock lock(m_mutex);
            if (m_cv.wait_for(lock, ms, [this] { return m_stop; }))
                return;
        }
    });
}

void SyncEngine::stop() {
    stop_and_join(m_mutex, m_stop, m_cv, m_thread);
}

} // namespace kiosk::sync

// Feed polling.
#include "kiosk/sync/feed.hpp"
#include "kiosk/core/stop_and_join.hpp"

#include "kiosk/content/bundle.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/sync/store.hpp"
#include "kiosk/sync/sync_engine.hpp"

#include <utility>

namespace kiosk::sync {

FeedPoller::FeedPoller(FeedSettings settings, HttpClient& http, const Clock& clock,
                       std::function<void()> wake)
    : m_settings(std::move(settings)), m_http(http), m_clock(clock), m_wake(std::move(wake)) {}

FeedPoller::~FeedPoller() {
    stop();
}

std::shared_ptr<const content::Results> FeedPoller::load_kept() {
    auto bytes = content::read_file(m_settings.keep_dir / "results.json", 16u << 20);
    auto sig = content::read_file(m_settings.keep_dir / "results.json.sig", 1024);
    if (!bytes || !sig || !verify(*bytes, *sig, m_settings.trusted_keys))
        return nullptr;
    auto parsed = content::parse_results(*bytes, "results.json");
    if (!parsed)
        return nullptr;
    m_current = std::make_shared<const content::Results>(std::move(*parsed));
    return m_current;
}

bool FeedPoller::refuse(const std::string& why) {
    if (m_settings.stopping && m_settings.stopping->load())
        return false; // Cut short by the program's own stop.
    std::string line = "results feed: " + why;
    {
        std::lock_guard lock(m_mutex);
        // The same refusal every few seconds is logged once, not thousands of times a day.
        if (line == m_last_error)
            return false;
        m_last_error = line;
    }
    log::warn("feed", line);
    return false;
}

bool FeedPoller::poll_once() {
    auto res = m_http.get(
        {m_settings.url, m_settings.headers, m_etag, m_last_modified, 16u << 20, std::nullopt});
    // No answer, a server error or "too many requests": the server is down or overwhelmed.
    m_unanswered = !res.error.empty() || res.status >= 500 || res.status == 429;
    m_retry_after = res.retry_after;
    if (res.error.empty() && (res.status == 200 || res.status == 304)) {
        std::lock_guard lock(m_mutex);
        m_contact = m_clock.now();
    }
    if (res.status == 304 && res.error.empty())
        return false;
    if (!res.error.empty() || res.status != 200)
        return refuse(res.error.empty() ? "HTTP " + std::to_string(res.status) : res.error);
    auto sig =
        m_http.get({m_settings.url + ".sig", m_settings.headers, "", "", 1024, std::nullopt});
    if (!sig.error.empty() || sig.status != 200)
        return refuse("signature: " +
                      (sig.error.empty() ? "HTTP " + std::to_string(sig.status) : sig.error));
    auto key = verify(res.body, sig.body, m_settings.trusted_keys);
    if (!key)
        return refuse("refused: " + key.error().message);
    auto parsed = content::parse_results(res.body, "results.json");
    if (!parsed)
        return refuse("refused: " + parsed.error().message);
    std::int64_t have = m_current ? m_current->sequence : 0;
    if (parsed->sequence <= have) {
        m_etag = res.etag;
        m_last_modified = res.last_modified;
        if (parsed->sequence < have)
            return refuse("refused: sequence " + std::to_string(parsed->sequence) +
                          " is older than " + std::to_string(have) + " (a replayed feed?)");
        return false;
    }
    auto results = std::make_shared<const content::Results>(std::move(*parsed));
    std::error_code ec;
    std::filesystem::create_directories(m_settings.keep_dir, ec);
    (void)write_file_durably(m_settings.keep_dir / "results.json", res.body);
    (void)write_file_durably(m_settings.keep_dir / "results.json.sig", sig.body);
    FeedUpdate update{results,
                      m_current ? content::changed_entries(*m_current, *results)
                                : std::vector<std::string>{},
                      m_clock.now()};
    m_current = results;
    m_etag = res.etag;
    m_last_modified = res.last_modified;
    // With the real time to the millisecond: publish-to-screen latency is measured from these
    // lines.
    log::info("feed", "results sequence " + std::to_string(results->sequence) + " received at " +
                          format_iso_ms(std::chrono::time_point_cast<Duration>(
                              std::chrono::system_clock::now())));
    {
        std::lock_guard lock(m_mutex);
        m_update = std::move(update);
        m_last_error.clear();
    }
    if (m_wake)
        m_wake();
    return true;
}

void FeedPoller::start() {
    m_thread = std::thread([this] {
        int failures = 0;
        for (;;) {
            poll_once();
            failures = m_unanswered ? std::min(failures + 1, 10) : 0;
            auto wait = retry_wait(m_settings.poll_interval, failures, m_retry_after, m_random);
            std::unique_lock lock(m_mutex);
            if (m_cv.wait_for(lock, wait, [this] { return m_stop; }))
                return;
        }
    });
}

void FeedPoller::stop() {
    stop_and_join(m_mutex, m_stop, m_cv, m_thread);
}

std::optional<FeedUpdate> FeedPoller::take_update() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_update, std::nullopt);
}

std::optional<TimePoint> FeedPoller::last_contact() const {
    std::lock_guard lock(m_mutex);
    return m_contact;
}

} // namespace kiosk::sync

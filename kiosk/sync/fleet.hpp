// The fleet view: a display's status document and a small screenshot, uploaded with HTTP PUT to
// its own folder of a WebDAV share on the content server (`<url>/<display-id>/status.json` and
// `screen.png`), on its own thread so the screen never waits for the network.
#pragma once

#include "kiosk/sync/http.hpp"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::sync {

struct FleetReport {
    std::string status_json;
    std::string screen_png; // Empty: none this time.
};

class Uploader {
public:
    virtual ~Uploader() = default;
    virtual HttpResponse put(const std::string& url, const std::string& body,
                             const std::string& content_type) = 0;
};

// libcurl with HTTP basic authentication (over TLS in production: the password is sent as is).
class CurlUploader final : public Uploader {
public:
    CurlUploader(HttpLimits limits, std::string user, std::string password);
    ~CurlUploader() override;
    CurlUploader(const CurlUploader&) = delete;
    CurlUploader& operator=(const CurlUploader&) = delete;
    HttpResponse put(const std::string& url, const std::string& body,
                     const std::string& content_type) override;

private:
    std::unique_ptr<CurlHandle> m_handle;
    std::string m_user;
    std::string m_password;
};

class FleetReporter {
public:
    // `folder_url`: the display's own folder, ending in '/'.
    FleetReporter(std::string folder_url, Uploader& uploader);
    ~FleetReporter();
    FleetReporter(const FleetReporter&) = delete;
    FleetReporter& operator=(const FleetReporter&) = delete;

    void start();
    void stop();
    // Main thread: hands over the newest report; one still waiting is replaced.
    void submit(FleetReport report);
    // The screenshot first, then the status (so a status never points at a missing image).
    // True when both were stored.
    bool upload(const FleetReport& report);
    std::size_t uploads() const;

private:
    std::string m_folder;
    Uploader& m_uploader;
    bool m_failing{false}; // Reporter thread only.
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::optional<FleetReport> m_next; // Guarded by m_mutex.
    std::size_t m_uploads{0};          // Guarded by m_mutex.
    bool m_stop{false};                // Guarded by m_mutex.
    std::thread m_thread;
};

} // namespace kiosk::sync

// Fleet status uploads: PUT with basic authentication, a thread that sends the newest report.
#include "kiosk/sync/fleet.hpp"
#include "kiosk/core/stop_and_join.hpp"

#include "kiosk/sync/curl_handle.hpp"

#include "kiosk/core/log.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>

namespace kiosk::sync {
namespace {

struct Body {
    const std::string* data{};
    std::size_t offset{0};
    const std::atomic<bool>* cancel{};
};

std::size_t on_read(char* out, std::size_t size, std::size_t n, void* user) {
    auto* b = static_cast<Body*>(user);
    if (b->cancel != nullptr && b->cancel->load())
        return CURL_READFUNC_ABORT;
    std::size_t len = std::min(size * n, b->data->size() - b->offset);
    std::memcpy(out, b->data->data() + b->offset, len);
    b->offset += len;
    return len;
}

std::size_t on_answer(char* data, std::size_t size, std::size_t n, void* user) {
    auto* s = static_cast<std::string*>(user);
    if (s->size() < 1024) // An error page: only its start is kept, for the log.
        s->append(data, std::min(size * n, 1024 - s->size()));
    return size * n;
}

} // namespace

CurlUploader::CurlUploader(HttpLimits limits, std::string user, std::string password)
    : m_handle(std::make_unique<CurlHandle>(std::move(limits))), m_user(std::move(user)),
      m_password(std::move(password)) {}

CurlUploader::~CurlUploader() = default;

HttpResponse CurlUploader::put(const std::string& url, const std::string& body,
                               const std::string& content_type) {
    HttpResponse response;
    // A status is small: never hold the next one up.
    CURL* curl = m_handle->start(std::chrono::seconds{60});
    if (curl == nullptr) {
        response.error = "libcurl could not start";
        return response;
    }
    Body b{&body, 0, m_handle->limits().cancel.get()};
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("Content-Type: " + content_type).c_str());
    headers = curl_slist_append(headers, "Expect:"); // Small bodies: no 100-continue round trip.
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &b);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_answer);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl, CURLOPT_USERNAME, m_user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, m_password.c_str());
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    curl_slist_free_all(headers);
    response.received = body.size();
    if (rc != CURLE_OK)
        response.error = curl_easy_strerror(rc);
    return response;
}

FleetReporter::FleetReporter(std::string folder_url, Uploader& uploader)
    : m_folder(std::move(folder_url)), m_uploader(uploader) {
    if (m_folder.empty() || m_folder.back() != '/')
        m_folder += '/';
}

FleetReporter::~FleetReporter() {
    stop();
}

bool FleetReporter::upload(const FleetReport& report) {
    auto put = [&](const std::string& name, const std::string& body, const char* type) {
        auto r = m_uploader.put(m_folder + name, body, type);
        if (r.status >= 200 && r.status < 300)
            return true;
        std::string why = r.status == 0 ? r.error : "HTTP " + std::to_string(r.status);
        if (r.status == 401)
            why += " (wrong display id or password)";
        else if (r.status == 403)
            why += " (this display may not write there)";
        log::warn("fleet", "PUT " + m_folder + name + ": " + why);
        return false;
    };
    bool ok = (report.screen_png.empty() || put("screen.png", report.screen_png, "image/png")) &&
              put("status.json", report.status_json, "application/json");
    if (ok && m_failing)
        log::info("fleet", "status uploads to " + m_folder + " work again");
    m_failing = !ok;
    if (ok) {
        std::lock_guard lock(m_mutex);
        ++m_uploads;
    }
    return ok;
}

std::size_t FleetReporter::uploads() const {
    std::lock_guard lock(m_mutex);
    return m_uploads;
}

void FleetReporter::start() {
    m_thread = std::thread([this] {
        for (;;) {
            FleetReport report;
            {
                std::unique_lock lock(m_mutex);
                m_cv.wait(lock, [this] { return m_stop || m_next; });
                if (m_stop)
                    return;
                report = std::move(*m_next);
                m_next.reset();
            }
            upload(report);
        }
    });
}

void FleetReporter::stop() {
    stop_and_join(m_mutex, m_stop, m_cv, m_thread);
}

void FleetReporter::submit(FleetReport report) {
    {
        std::lock_guard lock(m_mutex);
        m_next = std::move(report);
    }
    m_cv.notify_all();
}

} // namespace kiosk::sync

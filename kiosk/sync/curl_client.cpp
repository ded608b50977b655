// libcurl behind HttpClient.
#include "kiosk/sync/curl_handle.hpp"
#include "kiosk/sync/http.hpp"

#include <curl/curl.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <mutex>

namespace kiosk::sync {
namespace {

struct Transfer {
    const HttpRequest* request{};
    HttpResponse* response{};
    CURL* curl{};
    const std::atomic<bool>* cancel{};
    std::FILE* file{nullptr};
    bool too_big{false};
    bool cannot_write{false};
};

// Aborts a transfer in progress when the program is stopping.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    return t->cancel != nullptr && t->cancel->load() ? 1 : 0;
}

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t len = size * n;
    // An error page is not content: it must not land in a download file or be parsed.
    long status = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200 && status != 206)
        return len;
    if (t->response->received + len > t->request->max_bytes) {
        t->too_big = true;
        return 0; // Aborts the transfer.
    }
    if (t->request->to_file && t->file == nullptr) {
        // Opened with the first byte of content, so an error answer leaves no file behind.
        t->file = std::fopen(t->request->to_file->c_str(), "ab");
        if (t->file == nullptr) {
            t->cannot_write = true;
            return 0;
        }
    }
    if (t->file != nullptr) {
        if (std::fwrite(data, 1, len, t->file) != len)
            return 0;
    } else {
        t->response->body.append(data, len);
    }
    t->response->received += len;
    return len;
}

// A header of the last answer, by name in any case (HTTP/1.1 and HTTP/2 alike), trimmed.
std::string header(CURL* curl, const char* name) {
    curl_header* h = nullptr;
    if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || h == nullptr ||
        h->value == nullptr)
        return {};
    std::string v = h->value;
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
        v.pop_back();
    return v;
}

// Retry-After: delta-seconds or an HTTP date (RFC 9110, 10.2.3).
std::optional<std::chrono::seconds> retry_after(const std::string& v) {
    if (v.empty())
        return std::nullopt;
    if (v.find_first_not_of("0123456789") == std::string::npos)
        return v.size() > 9 ? std::chrono::seconds{999'999'999}
                            : std::chrono::seconds{std::stoll(v)};
    time_t when = curl_getdate(v.c_str(), nullptr);
    if (when < 0)
        return std::nullopt;
    auto left = when - std::time(nullptr);
    return std::chrono::seconds{left > 0 ? left : 0};
}

} // namespace

CurlClient::CurlClient(HttpLimits limits)
    : m_handle(std::make_unique<CurlHandle>(std::move(limits))) {}

CurlClient::~CurlClient() = default;

HttpResponse CurlClient::get(const HttpRequest& request) {
    HttpResponse response;
    const HttpLimits& limits = m_handle->limits();
    CURL* curl = m_handle->start(limits.total_timeout);
    if (curl == nullptr) {
        response.error = "libcurl could not start";
        return response;
    }
    Transfer t{&request, &response, curl, limits.cancel.get()};
    long resume = 0;
    if (request.to_file) {
        // A download resumes from what an earlier one left; the file is opened only when content
        // comes (on_body).
        std::error_code ec;
        auto have = std::filesystem::file_size(*request.to_file, ec);
        if (!ec)
            resume = static_cast<long>(have);
        response.received = static_cast<std::uint64_t>(resume);
    }
    curl_slist* headers = nullptr;
    for (const auto& h : request.headers)
        headers = curl_slist_append(headers, h.c_str());
    if (!request.if_none_match.empty())
        headers = curl_slist_append(headers, ("If-None-Match: " + request.if_none_match).c_str());
    if (!request.if_modified_since.empty())
        headers =
            curl_slist_append(headers, ("If-Modified-Since: " + request.if_modified_since).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    if (resume > 0)
        curl_easy_setopt(curl, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(resume));
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    response.etag = header(curl, "ETag");
    response.last_modified = header(curl, "Last-Modified");
    if (response.status == 503 || response.status == 429)
        response.retry_after = retry_after(header(curl, "Retry-After"));
    curl_slist_free_all(headers);
    if (t.file != nullptr)
        std::fclose(t.file);
    if (t.cannot_write)
        response.error = request.to_file->string() + ": cannot be written";
    else if (t.too_big)
        response.error = "more than " + std::to_string(request.max_bytes) + " bytes";
    else if (rc != CURLE_OK)
        response.error = curl_easy_strerror(rc);
    return response;
}

} // namespace kiosk::sync

// HTTP GET as the sync thread needs it. The interface lets tests and other transports stand in;
// CurlClient is the real one.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::sync {

struct HttpRequest {
    std::string url;
    std::vector<std::string> headers; // "Name: value"
    std::string if_none_match;        // An ETag from an earlier answer.
    std::string
        if_modified_since; // The Last-Modified of an earlier answer (servers without ETags).
    std::uint64_t max_bytes{4u << 20};            // More is refused mid-transfer.
    std::optional<std::filesystem::path> to_file; // Append the body there (resuming from its size).
};

struct HttpResponse {
    long status{0}; // 0 when no answer came (connection refused, timeout…).
    std::string etag;
    std::string last_modified;
    // A 503's or 429's Retry-After: the least wait before asking again (seconds or an HTTP date).
    std::optional<std::chrono::seconds> retry_after;
    std::string body; // Unless written to a file.
    std::uint64_t received{0};
    std::string error; // Why the transfer failed, when it did.
};

class HttpClient {
public:
    virtual ~HttpClient() = default;
    virtual HttpResponse get(const HttpRequest& request) = 0;
};

struct HttpLimits {
    std::chrono::seconds connect_timeout{10};
    long low_speed_bytes{1024};              // Slower than this …
    std::chrono::seconds low_speed_time{20}; // … for this long aborts.
    std::chrono::seconds total_timeout{600};
    std::string ca_file; // Extra trusted CA (TLS is always verified).
    std::string user_agent{"kiosk"};
    std::shared_ptr<std::atomic<bool>> cancel; // Set: transfers in progress stop at once.
};

class CurlHandle;

class CurlClient final : public HttpClient {
public:
    explicit CurlClient(HttpLimits limits);
    ~CurlClient() override;
    CurlClient(const CurlClient&) = delete;
    CurlClient& operator=(const CurlClient&) = delete;
    HttpResponse get(const HttpRequest& request) override;

private:
    // One easy handle, reused: connections are kept alive between polls.
    std::unique_ptr<CurlHandle> m_handle;
};

} // namespace kiosk::sync

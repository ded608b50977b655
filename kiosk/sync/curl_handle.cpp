// The shared settings of every transfer, in one place.
#include "kiosk/sync/curl_handle.hpp"

#include <curl/curl.h>

#include <mutex>

namespace kiosk::sync {

CurlHandle::CurlHandle(HttpLimits limits) : m_limits(std::move(limits)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_curl = curl_easy_init();
}

CurlHandle::~CurlHandle() {
    if (m_curl != nullptr)
        curl_easy_cleanup(m_curl);
}

CURL* CurlHandle::start(std::chrono::seconds total) {
    if (m_curl == nullptr)
        return nullptr;
    CURL* curl = m_curl;
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, m_limits.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT,
                     static_cast<long>(m_limits.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, m_limits.low_speed_bytes);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                     static_cast<long>(m_limits.low_speed_time.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(total.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!m_limits.ca_file.empty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, m_limits.ca_file.c_str());
    return curl;
}

} // namespace kiosk::sync

// One libcurl easy handle with what every transfer of the program shares: libcurl started once for
// the process, TLS verified (with the config's CA file), http and https only, no redirects, no
// signals, the connect and low-speed limits, a user agent. The channel's client and the fleet
// uploader each keep one and add what their transfer needs.
#pragma once

#include "kiosk/sync/http.hpp"

#include <chrono>

using CURL = void;

namespace kiosk::sync {

class CurlHandle {
public:
    explicit CurlHandle(HttpLimits limits);
    ~CurlHandle();
    CurlHandle(const CurlHandle&) = delete;
    CurlHandle& operator=(const CurlHandle&) = delete;

    // The handle reset and set up for a transfer that may take at most `total`; null when libcurl
    // could not start.
    CURL* start(std::chrono::seconds total);
    const HttpLimits& limits() const { return m_limits; }

private:
    HttpLimits m_limits;
    CURL* m_curl{nullptr};
};

} // namespace kiosk::sync

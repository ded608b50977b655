// Web addresses, parsed, checked and joined by libcurl's URL API (RFC 3986 as curl reads it):
// links shown as QR codes, the server a display follows, the addresses it asks.
#pragma once

#include "kiosk/core/error.hpp"

#include <string>
#include <string_view>

namespace kiosk::content {

// An http:// or https:// address with a valid host (an IPv6 address in brackets, a name without
// '<', '>' or spaces), valid percent-escapes, no spaces or control characters, at most
// `max_bytes` long.
Result<void> check_web_url(std::string_view url, std::size_t max_bytes = 2048);

// A server's web root: a web address as above, without a query or fragment (a path is joined
// after it, never after a query).
Result<void> check_server_url(std::string_view url);

// `path` (relative, like `channels/hall-a/manifest.json`) under the web root `base`, whose
// path is taken as a folder whether or not it ends in '/'.
Result<std::string> join_url(std::string_view base, std::string_view path);

} // namespace kiosk::content

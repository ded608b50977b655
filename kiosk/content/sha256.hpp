// SHA-256 of a file or a buffer, as lowercase hex.
#pragma once

#include "kiosk/core/error.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::content {

std::string sha256_hex(std::string_view bytes);

} // namespace kiosk::content

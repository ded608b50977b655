// SHA-256 of a file or a buffer, as lowercase hex.
#pragma once

#include "kiosk/core/error.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::content {

std::string sha256_hex(std::string_view bytes);
// The SHA-256 of a file read in pieces; empty if it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

} // namespace kiosk::content

// The admin PIN, stored only as a salted, slow hash in the display's config:
// `pbkdf2-sha256$ITERATIONS$SALT-BASE64$HASH-BASE64` (PBKDF2-HMAC-SHA256, OpenSSL).
#pragma once

#include "kiosk/core/error.hpp"

#include <string>
#include <string_view>

namespace kiosk::sync {

inline constexpr int kPinIterations = 100'000;

// A PIN is 4 to 12 digits.
Result<void> check_pin_format(std::string_view pin);
// Hashes `pin` with a fresh random salt.
Result<std::string> hash_pin(std::string_view pin, int iterations = kPinIterations);
// Refuses a malformed hash line, naming what is wrong.
Result<void> check_pin_hash(std::string_view stored);
// Whether `pin` matches the stored hash (compared in constant time).
bool verify_pin(std::string_view pin, std::string_view stored);

} // namespace kiosk::sync

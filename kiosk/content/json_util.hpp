// Typed field access on nlohmann/json that reports which field was wrong. Internal to content.
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/core/time.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace kiosk::content::detail {

using Json = nlohmann::json;

inline constexpr std::size_t kMaxJsonBytes = 8u << 20;
inline constexpr int kMaxJsonDepth = 32;

// Parses text without throwing (refusing more than kMaxJsonBytes or kMaxJsonDepth levels); the
// error names `file` and the byte where parsing stopped.
// `allow_comments`: // and /* */ comments (the display's config, which technicians annotate).
Result<Json> parse_json(std::string_view text, const std::string& file,
                        bool allow_comments = false);

// Each getter returns the value, or an error `<where>: field "<key>": <what>`.
Result<std::string> get_string(const Json& obj, const char* key, const std::string& where);
std::optional<std::string> opt_string(const Json& obj, const char* key, const std::string& where,
                                      std::string& error);
Result<std::int64_t> get_int(const Json& obj, const char* key, const std::string& where);
Result<double> get_number(const Json& obj, const char* key, const std::string& where);
Result<TimePoint> get_datetime(const Json& obj, const char* key, const std::string& where);

} // namespace kiosk::content::detail

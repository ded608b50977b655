// UTF-8 decoding and encoding; invalid bytes become U+FFFD instead of failing.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::text {

std::u32string decode_utf8(std::string_view utf8);
std::string encode_utf8(std::u32string_view text);
void append_utf8(std::string& out, char32_t cp);

} // namespace kiosk::text

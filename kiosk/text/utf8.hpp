// UTF-8 decoding and encoding. Invalid bytes become U+FFFD, one for each maximal ill-formed
// subsequence (Unicode 15, chapter 3, "U+FFFD Substitution of Maximal Subparts", as browsers do),
// so the valid characters after a broken sequence are kept.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::text {

std::u32string decode_utf8(std::string_view utf8);
std::string encode_utf8(std::u32string_view text);
void append_utf8(std::string& out, char32_t cp);

// Strict UTF-8: shortest forms only, no surrogates, nothing above U+10FFFF.
bool valid_utf8(std::string_view utf8);
// `utf8` with every ill-formed subsequence replaced by U+FFFD (unchanged when it is valid).
std::string sanitize_utf8(std::string_view utf8);

} // namespace kiosk::text

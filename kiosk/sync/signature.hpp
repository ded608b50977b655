// Ed25519 keys and signatures (OpenSSL). A signature file is one line: `ed25519 KEY-ID BASE64`,
// read with a fixed, tiny grammar before anything else of the manifest is looked at.
#pragma once

#include "kiosk/core/error.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::sync {

struct PublicKey {
    std::string id; // 16 hex digits: the start of SHA-256 of the raw key.
    std::array<unsigned char, 32> raw{};
};

// `ed25519 KEY-ID BASE64` (the .pub file's one line, also what a display's config lists).
Result<PublicKey> parse_public_key(std::string_view line);
std::string format_public_key(const PublicKey& key);

struct KeyPair {
    std::string private_pem; // PKCS#8 PEM: keep it secret.
    PublicKey public_key;
};

Result<KeyPair> generate_key();
// Signs `message` with a PEM private key; returns the signature file's line.
Result<std::string> sign(std::string_view message, std::string_view private_pem);
// Checks a signature line over `message` against the trusted keys; returns the key id used.
Result<std::string> verify(std::string_view message, std::string_view signature_line,
                           const std::vector<PublicKey>& trusted);

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

} // namespace kiosk::sync

// Signature lines and public-key lines: `ed25519 KEY-ID BASE64`, read before anything is parsed.
// Input: message, signature line and key line, separated by kSeparator.
#include "fuzz_util.hpp"
#include "kiosk/sync/signature.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kiosk;
    auto parts = fuzz::split(fuzz::as_text(data, size), 3);
    static const sync::KeyPair pair = *sync::generate_key();
    std::vector<sync::PublicKey> trusted{pair.public_key};
    if (auto key = sync::parse_public_key(parts[2]))
        trusted.push_back(*key);
    auto verdict = sync::verify(parts[0], parts[1], trusted);
    // Nobody but the holder of the private key makes a signature that verifies with it.
    if (verdict && *verdict == pair.public_key.id)
        std::abort();
    if (auto raw = sync::base64_decode(parts[1]))
        if (sync::base64_encode(*raw).size() != parts[1].size())
            std::abort();
    return 0;
}

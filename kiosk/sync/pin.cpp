// PIN hashing.
#include "kiosk/sync/pin.hpp"

#include "kiosk/sync/signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <charconv>
#include <vector>

namespace kiosk::sync {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr int kMinIterations = 1000;
constexpr int kMaxIterations = 10'000'000;

struct Parsed {
    int iterations{};
    std::string salt;
    std::string hash;
};

Result<Parsed> parse(std::string_view s) {
    const std::string shape =
        "the admin PIN hash must look like pbkdf2-sha256$ITERATIONS$SALT$HASH (make it with "
        "kiosk-pack pin)";
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (parts.size() < 5) {
        auto end = s.find('$', start);
        parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    if (parts.size() != 4 || parts[0] != kScheme)
        return fail(shape);
    Parsed p;
    auto [ptr, ec] =
        std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), p.iterations);
    if (ec != std::errc{} || ptr != parts[1].data() + parts[1].size() ||
        p.iterations < kMinIterations || p.iterations > kMaxIterations)
        return fail(shape + ": the iterations must be a number from 1000 to 10000000");
    auto salt = base64_decode(parts[2]);
    auto hash = base64_decode(parts[3]);
    if (!salt || salt->size() < 8 || !hash || hash->size() != 32)
        return fail(shape + ": the salt or hash is not valid base64 of the right length");
    p.salt = *salt;
    p.hash = *hash;
    return p;
}

std::string derive(std::string_view pin, const std::string& salt, int iterations) {
    std::string out(32, '\0');
    PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()),
                      reinterpret_cast<const unsigned char*>(salt.data()),
                      static_cast<int>(salt.size()), iterations, EVP_sha256(),
                      static_cast<int>(out.size()), reinterpret_cast<unsigned char*>(out.data()));
    return out;
}

} // namespace

Result<void> check_pin_format(std::string_view pin) {
    if (pin.size() < 4 || pin.size() > 12 ||
        !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return fail("a PIN is 4 to 12 digits");
    return {};
}

Result<std::string> hash_pin(std::string_view pin, int iterations) {
    if (auto ok = check_pin_format(pin); !ok)
        return std::unexpected(ok.error());
    std::string salt(16, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) !=
        1)
        return fail("no random bytes for the salt");
    return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + base64_encode(salt) +
           "$" + base64_encode(derive(pin, salt, iterations));
}

Result<void> check_pin_hash(std::string_view stored) {
    auto p = parse(stored);
    if (!p)
        return std::unexpected(p.error());
    return {};
}

bool verify_pin(std::string_view pin, std::string_view stored) {
    auto p = parse(stored);
    if (!p || !check_pin_format(pin))
        return false;
    std::string got = derive(pin, p->salt, p->iterations);
    return CRYPTO_memcmp(got.data(), p->hash.data(), got.size()) == 0;
}

} // namespace kiosk::sync

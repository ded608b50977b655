// Ed25519 through OpenSSL's EVP interface.
#include "kiosk/sync/signature.hpp"

#include "kiosk/content/sha256.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <optional>

namespace kiosk::sync {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::string key_id(const std::array<unsigned char, 32>& raw) {
    return content::sha256_hex(
               std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()))
        .substr(0, 16);
}

std::vector<std::string_view> words(std::string_view line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' '))
        line.remove_suffix(1);
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < line.size()) {
        auto sp = line.find(' ', pos);
        if (sp == std::string_view::npos)
            sp = line.size();
        if (sp > pos)
            out.push_back(line.substr(pos, sp - pos));
        pos = sp + 1;
    }
    return out;
}

} // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(bytes.data()),
                            static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0 || text.size() > 4096)
        return std::nullopt;
    // Only the alphabet, with at most two '=' at the very end: OpenSSL would also skip blanks and
    // control characters around the text, so a key or signature with junk in it could pass.
    std::size_t padding = 0;
    while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=')
        ++padding;
    for (std::size_t i = 0; i + padding < text.size(); ++i) {
        char c = text[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '+' || c == '/';
        if (!ok)
            return std::nullopt;
    }
    std::string out(text.size() / 4 * 3 + 1, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(text.data()),
                            static_cast<int>(text.size()));
    if (n < 0)
        return std::nullopt;
    out.resize(static_cast<std::size_t>(n) - padding);
    return out;
}

Result<PublicKey> parse_public_key(std::string_view line) {
    auto w = words(line);
    if (w.size() != 3 || w[0] != "ed25519")
        return fail("a public key must look like \"ed25519 KEY-ID BASE64\"");
    auto raw = base64_decode(w[2]);
    if (!raw || raw->size() != 32)
        return fail("the public key is not 32 bytes of base64");
    PublicKey k;
    std::copy(raw->begin(), raw->end(), k.raw.begin());
    k.id = key_id(k.raw);
    if (k.id != w[1])
        return fail("the key id " + std::string(w[1]) + " does not belong to this key (it is " +
                    k.id + ")");
    return k;
}

std::string format_public_key(const PublicKey& key) {
    return "ed25519 " + key.id + " " +
           base64_encode(
               std::string_view(reinterpret_cast<const char*>(key.raw.data()), key.raw.size()));
}

Result<KeyPair> generate_key() {
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY* raw_key = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0 || EVP_PKEY_keygen(ctx.get(), &raw_key) <= 0)
        return fail("cannot generate an Ed25519 key");
    Pkey key(raw_key);
    KeyPair pair;
    std::size_t len = 32;
    if (EVP_PKEY_get_raw_public_key(key.get(), pair.public_key.raw.data(), &len) <= 0 || len != 32)
        return fail("cannot read the public key");
    pair.public_key.id = key_id(pair.public_key.raw);
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    if (!bio ||
        PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) <= 0)
        return fail("cannot write the private key");
    char* data = nullptr;
    long n = BIO_get_mem_data(bio.get(), &data);
    pair.private_pem.assign(data, static_cast<std::size_t>(n));
    return pair;
}

Result<std::string> sign(std::string_view message, std::string_view private_pem) {
    std::unique_ptr<BIO, BioFree> bio(
        BIO_new_mem_buf(private_pem.data(), static_cast<int>(private_pem.size())));
    Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519)
        return fail("not an Ed25519 private key in PEM form");
    std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
    std::array<unsigned char, 64> sig{};
    std::size_t len = sig.size();
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) <= 0 ||
        EVP_DigestSign(ctx.get(), sig.data(), &len,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) <= 0)
        return fail("signing failed");
    PublicKey pub;
    std::size_t plen = 32;
    EVP_PKEY_get_raw_public_key(key.get(), pub.raw.data(), &plen);
    return "ed25519 " + key_id(pub.raw) + " " +
           base64_encode(std::string_view(reinterpret_cast<const char*>(sig.data()), len)) + "\n";
}

Result<std::string> verify(std::string_view message, std::string_view signature_line,
                           const std::vector<PublicKey>& trusted) {
    if (signature_line.size() > 512)
        return fail("the signature file is too long");
    auto w = words(signature_line);
    if (w.size() != 3 || w[0] != "ed25519")
        return fail("the signature file is not \"ed25519 KEY-ID BASE64\"");
    const PublicKey* key = nullptr;
    for (const auto& k : trusted)
        if (k.id == w[1])
            key = &k;
    if (key == nullptr)
        return fail("signed with key " + std::string(w[1]) + ", which this display does not trust");
    auto sig = base64_decode(w[2]);
    if (!sig || sig->size() != 64)
        return fail("the signature is not 64 bytes of base64");
    Pkey pkey(
        EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key->raw.data(), key->raw.size()));
    std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
    if (!pkey || !ctx ||
        EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) <= 0)
        return fail("cannot set up signature verification");
    int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()),
                              sig->size(), reinterpret_cast<const unsigned char*>(message.data()),
                              message.size());
    if (ok != 1)
        return fail("the signature does not match the manifest (key " + key->id + ")");
    return key->id;
}

} // namespace kiosk::sync

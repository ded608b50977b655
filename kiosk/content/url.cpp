// URL checks and joins with curl_url().
#include "kiosk/content/url.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

namespace kiosk::content {
namespace {

struct UrlDeleter {
    void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlPtr = std::unique_ptr<CURLU, UrlDeleter>;

std::string part(CURLU* u, CURLUPart what) {
    char* text = nullptr;
    if (curl_url_get(u, what, &text, 0) != CURLUE_OK || text == nullptr)
        return {};
    std::string out = text;
    curl_free(text);
    return out;
}

bool escapes_valid(std::string_view s) {
    auto hex = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    };
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == '%' && (i + 2 >= s.size() || !hex(s[i + 1]) || !hex(s[i + 2])))
            return false;
    return true;
}

Result<UrlPtr> parse(std::string_view url, std::size_t max_bytes) {
    std::string shown = "\"" + std::string(url.substr(0, 80)) + (url.size() > 80 ? "…" : "") + "\"";
    if (url.size() > max_bytes)
        return fail(shown + " is longer than " + std::to_string(max_bytes) + " bytes");
    if (std::any_of(url.begin(), url.end(),
                    [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; }))
        return fail(shown + " has a space or a control character");
    if (!url.starts_with("http://") && !url.starts_with("https://"))
        return fail(shown + " is not an http:// or https:// address");
    UrlPtr u(curl_url());
    if (!u)
        return fail("libcurl could not parse " + shown);
    std::string text(url);
    if (auto rc = curl_url_set(u.get(), CURLUPART_URL, text.c_str(), 0); rc != CURLUE_OK)
        return fail(shown + " is not a valid web address (" + curl_url_strerror(rc) + ")");
    if (part(u.get(), CURLUPART_HOST).empty())
        return fail(shown + " has no host");
    if (!escapes_valid(url))
        return fail(shown + " has a '%' that is not followed by two hexadecimal digits");
    return u;
}

} // namespace

Result<void> check_web_url(std::string_view url, std::size_t max_bytes) {
    auto u = parse(url, max_bytes);
    if (!u)
        return std::unexpected(u.error());
    return {};
}

Result<void> check_server_url(std::string_view url) {
    auto u = parse(url, 2048);
    if (!u)
        return std::unexpected(u.error());
    if (url.find_first_of("?#") != std::string_view::npos)
        return fail("\"" + std::string(url) +
                    "\" has a query (?…) or a fragment (#…): a server is given as its web root");
    return {};
}

Result<std::string> join_url(std::string_view base, std::string_view path) {
    auto u = parse(base, 2048);
    if (!u)
        return std::unexpected(u.error());
    // The web root's path is a folder: "https://host/kiosk" and "https://host/kiosk/" alike.
    std::string root = part(u->get(), CURLUPART_PATH);
    if (root.empty() || root.back() != '/')
        curl_url_set(u->get(), CURLUPART_PATH, (root + "/").c_str(), 0);
    curl_url_set(u->get(), CURLUPART_QUERY, nullptr, 0);
    curl_url_set(u->get(), CURLUPART_FRAGMENT, nullptr, 0);
    std::string rel(path);
    if (auto rc = curl_url_set(u->get(), CURLUPART_URL, rel.c_str(), 0); rc != CURLUE_OK)
        return fail("\"" + rel + "\" cannot be joined to \"" + std::string(base) + "\" (" +
                    curl_url_strerror(rc) + ")");
    return part(u->get(), CURLUPART_URL);
}

} // namespace kiosk::content

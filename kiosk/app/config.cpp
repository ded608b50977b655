// Config parsing: every field checked, unknown fields refused (a typo must not pass silently).
#include "kiosk/app/config.hpp"

#include "kiosk/content/bundle.hpp"
#include "kiosk/content/json_util.hpp"
#include "kiosk/sync/pin.hpp"
#include "kiosk/ui/browse.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/content/url.hpp"

#include <regex>
#include <set>

namespace kiosk::app {

Result<DisplayConfig> load_config(const std::filesystem::path& file) {
    auto text = content::read_file(file, 1u << 20);
    if (!text)
        return std::unexpected(text.error());
    return parse_config(*text, file.string());
}

namespace {

Result<TouchConfig> parse_touch(const nlohmann::json& j, const std::string& file) {
    const std::string fields =
        "enabled, idle_s, screen_diagonal_in, admin_corner, admin_hold_s, admin_pin";
    if (!j.is_object())
        return fail(file + ": field \"touch\" must be an object: " + fields);
    TouchConfig t;
    for (const auto& [k, v] : j.items()) {
        auto field = file + ": field \"touch." + k + "\"";
        if (k == "enabled") {
            if (!v.is_boolean())
                return fail(field + " must be true or false");
            t.enabled = v.get<bool>();
        } else if (k == "idle_s" || k == "admin_hold_s") {
            if (!v.is_number_integer() || v.get<long long>() < 2 || v.get<long long>() > 3600)
                return fail(field + " must be a whole number of seconds from 2 to 3600");
            (k == "idle_s" ? t.idle : t.admin_hold) = std::chrono::seconds{v.get<long long>()};
        } else if (k == "screen_diagonal_in") {
            if (!v.is_number() || v.get<double>() < 5 || v.get<double>() > 300)
                return fail(field + " must be the screen's diagonal in inches, 5 to 300");
            t.screen_diagonal_in = v.get<double>();
        } else if (k == "admin_corner") {
            if (!v.is_string() || !ui::parse_corner(v.get<std::string>()))
                return fail(field + " must be top-left, top-right, bottom-left or bottom-right");
            t.admin_corner = v.get<std::string>();
        } else if (k == "admin_pin") {
            auto ok = v.is_string() ? sync::check_pin_hash(v.get<std::string>())
                                    : fail("it must be a text");
            if (!ok)
                return fail(field + ": " + ok.error().message);
            t.admin_pin = v.get<std::string>();
        } else {
            return fail(file + ": unknown field \"touch." + k + "\" (" + fields + ")");
        }
    }
    return t;
}

} // namespace

Result<DisplayConfig> parse_config(std::string_view text, const std::string& file) {
    // The same limits as every other JSON the kiosk reads (size, depth, no repeated keys), and
    // comments, which a technician's config may carry.
    auto parsed = content::detail::parse_json(text, file, /*allow_comments=*/true);
    if (!parsed)
        return std::unexpected(parsed.error());
    const nlohmann::json& j = *parsed;
    if (!j.is_object())
        return fail(file + ": must be a JSON object");
    auto field = [&](const char* k) { return file + ": field \"" + k + "\""; };
    static const std::set<std::string> known = {"display_id",
                                                "tags",
                                                "server",
                                                "channel",
                                                "trusted_keys",
                                                "poll_interval_s",
                                                "cache_dir",
                                                "cache_max_mb",
                                                "ca_file",
                                                "play_log_dir",
                                                "timeouts",
                                                "results_poll_s",
                                                "results_lost_after_s",
                                                "results_stale_after_s",
                                                "touch"};
    for (const auto& [k, v] : j.items())
        if (!known.contains(k) && !unattended_fields().contains(k))
            return fail(file + ": unknown field \"" + k + "\"");
    auto str = [&](const char* k, bool required, std::string& out) -> Result<void> {
        auto it = j.find(k);
        if (it == j.end())
            return required ? fail(field(k) + " is missing") : Result<void>{};
        if (!it->is_string() || (required && it->get<std::string>().empty()))
            return fail(field(k) + " must be a non-empty text");
        out = it->get<std::string>();
        return {};
    };
    DisplayConfig c;
    std::string cache, log_dir;
    for (auto [k, req, out] :
         {std::tuple{"display_id", true, &c.display_id}, std::tuple{"server", true, &c.server},
          std::tuple{"channel", true, &c.channel}, std::tuple{"cache_dir", true, &cache},
          std::tuple{"ca_file", false, &c.ca_file}, std::tuple{"play_log_dir", false, &log_dir}}) {
        if (auto r = str(k, req, *out); !r)
            return std::unexpected(r.error());
    }
    c.cache_dir = cache;
    c.play_log_dir = log_dir;
    if (auto ok = content::check_server_url(c.server); !ok)
        return fail(field("server") + ": " + ok.error().message);
    static const std::regex name("[a-z0-9][a-z0-9._-]{0,63}");
    if (!std::regex_match(c.channel, name))
        return fail(field("channel") + ": \"" + c.channel +
                    "\" must be lower-case letters, digits, '.', '_' or '-'");
    if (c.display_id.find_first_of(",\"\n\r") != std::string::npos || c.display_id.size() > 64)
        return fail(field("display_id") + " must be a short name without commas or quotes");
    if (auto it = j.find("tags"); it != j.end()) {
        if (!it->is_array())
            return fail(field("tags") + " must be a list of texts");
        for (const auto& t : *it) {
            if (!t.is_string() || t.get<std::string>().empty())
                return fail(field("tags") + " must be a list of texts");
            c.tags.push_back(t.get<std::string>());
        }
    }
    auto keys = j.find("trusted_keys");
    if (keys == j.end() || !keys->is_array() || keys->empty())
        return fail(field("trusted_keys") + " must list at least one key (the line in KEY.pub)");
    for (std::size_t i = 0; i < keys->size(); ++i) {
        const auto& k = (*keys)[i];
        auto key =
            k.is_string() ? sync::parse_public_key(k.get<std::string>()) : fail("not a text");
        if (!key)
            return fail(file + ": field \"trusted_keys[" + std::to_string(i) +
                        "]\": " + key.error().message);
        c.trusted_keys.push_back(*key);
    }
    if (auto it = j.find("poll_interval_s"); it != j.end()) {
        if (!it->is_number_integer() || it->get<long long>() < 1 || it->get<long long>() > 86400)
            return fail(field("poll_interval_s") +
                        " must be a whole number of seconds from 1 to 86400");
        c.poll_interval = std::chrono::seconds{it->get<long long>()};
    }
    if (auto it = j.find("cache_max_mb"); it != j.end()) {
        if (!it->is_number_integer() || it->get<long long>() < 16 ||
            it->get<long long>() > 1'000'000)
            return fail(field("cache_max_mb") + " must be a whole number of megabytes, 16 or more");
        c.cache_max_bytes = static_cast<std::uint64_t>(it->get<long long>()) << 20;
    }
    for (auto [k, out] : {std::pair{"results_lost_after_s", &c.results_lost_after},
                          std::pair{"results_stale_after_s", &c.results_stale_after}}) {
        if (auto it = j.find(k); it != j.end()) {
            if (!it->is_number_integer() || it->get<long long>() < 1 ||
                it->get<long long>() > 86400 * 30)
                return fail(field(k) + " must be a whole number of seconds above 0");
            *out = std::chrono::seconds{it->get<long long>()};
        }
    }
    if (auto it = j.find("results_poll_s"); it != j.end()) {
        if (!it->is_number() || it->get<double>() < 0.2 || it->get<double>() > 3600)
            return fail(field("results_poll_s") + " must be seconds from 0.2 to 3600");
        c.results_poll =
            std::chrono::milliseconds{static_cast<long long>(it->get<double>() * 1000)};
    }
    if (auto it = j.find("touch"); it != j.end()) {
        auto touch = parse_touch(*it, file);
        if (!touch)
            return std::unexpected(touch.error());
        c.touch = *touch;
    }
    if (auto it = j.find("timeouts"); it != j.end()) {
        if (!it->is_object())
            return fail(field("timeouts") +
                        " must be an object: connect_s, low_speed_bytes, low_speed_s, total_s");
        for (const auto& [k, v] : it->items()) {
            if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > 86400 * 10)
                return fail(file + ": field \"timeouts." + k + "\" must be a whole number above 0");
            auto n = v.get<long long>();
            if (k == "connect_s")
                c.connect_timeout = std::chrono::seconds{n};
            else if (k == "low_speed_bytes")
                c.low_speed_bytes = static_cast<long>(n);
            else if (k == "low_speed_s")
                c.low_speed_time = std::chrono::seconds{n};
            else if (k == "total_s")
                c.total_timeout = std::chrono::seconds{n};
            else
                return fail(file + ": unknown field \"timeouts." + k +
                            "\" (connect_s, low_speed_bytes, low_speed_s, total_s)");
        }
    }
    auto unattended = parse_unattended(j, file);
    if (!unattended)
        return std::unexpected(unattended.error());
    c.unattended = std::move(*unattended);
    return c;
}

} // namespace kiosk::app

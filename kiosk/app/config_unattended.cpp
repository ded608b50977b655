// Parsing the unattended fields: each checked, with the field named in the message.
#include "kiosk/app/config_unattended.hpp"

#include "kiosk/core/time.hpp"

#include <nlohmann/json.hpp>

namespace kiosk::app {

const std::set<std::string>& unattended_fields() {
    static const std::set<std::string> names = {
        "on_hours", "utc_offset", "screen_off_command", "screen_on_command",  "fleet",
        "rotation", "video",      "log_level",          "play_log_keep_days", "play_log_max_mb"};
    return names;
}

Result<UnattendedConfig> parse_unattended(const nlohmann::json& j, const std::string& file) {
    UnattendedConfig c;
    auto field = [&](const std::string& k) { return file + ": field \"" + k + "\""; };
    auto whole = [&](const char* k, long long lo, long long hi, auto& out) -> Result<void> {
        if (auto it = j.find(k); it != j.end()) {
            if (!it->is_number_integer() || it->template get<long long>() < lo ||
                it->template get<long long>() > hi)
                return fail(field(k) + " must be a whole number from " + std::to_string(lo) +
                            " to " + std::to_string(hi));
            out =
                static_cast<std::remove_reference_t<decltype(out)>>(it->template get<long long>());
        }
        return {};
    };
    if (auto it = j.find("on_hours"); it != j.end()) {
        if (!it->is_object())
            return fail(field("on_hours") +
                        " must be an object like {\"mon-fri\": \"07:30-21:00\", \"sat\": \"off\"}");
        std::vector<std::pair<std::string, std::string>> entries;
        for (const auto& [k, v] : it->items()) {
            if (!v.is_string())
                return fail(field("on_hours." + k) +
                            " must be hours like \"07:30-21:00\" or \"off\"");
            entries.emplace_back(k, v.get<std::string>());
        }
        auto hours = content::OnHours::parse(entries);
        if (!hours)
            return fail(field("on_hours") + ": " + hours.error().message);
        c.on_hours = *hours;
    }
    if (auto it = j.find("utc_offset"); it != j.end()) {
        auto off = it->is_string() ? parse_utc_offset(it->get<std::string>()) : std::nullopt;
        if (!off)
            return fail(field("utc_offset") + " must be an offset like \"+08:00\"");
        c.utc_offset = *off;
    }
    for (auto [k, out] : {std::pair{"screen_off_command", &c.screen_off_command},
                          std::pair{"screen_on_command", &c.screen_on_command}}) {
        if (auto it = j.find(k); it != j.end()) {
            if (!it->is_string())
                return fail(field(k) + " must be a shell command (text)");
            *out = it->get<std::string>();
        }
    }
    if (auto it = j.find("fleet"); it != j.end()) {
        if (!it->is_object())
            return fail(field("fleet") + " must be an object: url, password_file, interval_s");
        FleetConfig f;
        for (const auto& [k, v] : it->items()) {
            if (k == "url" && v.is_string() &&
                (v.get<std::string>().starts_with("http://") ||
                 v.get<std::string>().starts_with("https://")))
                f.url = v.get<std::string>();
            else if (k == "password_file" && v.is_string() && !v.get<std::string>().empty())
                f.password_file = v.get<std::string>();
            else if (k == "interval_s" && v.is_number_integer() && v.get<long long>() >= 10 &&
                     v.get<long long>() <= 86400)
                f.interval = std::chrono::seconds{v.get<long long>()};
            else if (k == "thumbnail_width" && v.is_number_integer() && v.get<long long>() >= 32 &&
                     v.get<long long>() <= 1920)
                f.thumbnail_width = v.get<int>();
            else if (k == "url" || k == "password_file" || k == "interval_s" ||
                     k == "thumbnail_width")
                return fail(field("fleet." + k) +
                            (k == "url"             ? " must be an http:// or https:// URL"
                             : k == "password_file" ? " must be a file name"
                             : k == "interval_s"    ? " must be a whole number from 10 to 86400"
                                                    : " must be a width from 32 to 1920"));
            else
                return fail(file + ": unknown field \"fleet." + k +
                            "\" (url, password_file, interval_s, thumbnail_width)");
        }
        if (f.url.empty() || f.password_file.empty())
            return fail(field("fleet") + " needs url and password_file");
        c.fleet = f;
    }
    if (auto r = whole("rotation", 0, 270, c.rotation); !r)
        return std::unexpected(r.error());
    if (c.rotation % 90 != 0)
        return fail(field("rotation") + " must be 0, 90, 180 or 270");
    if (auto it = j.find("video"); it != j.end()) {
        std::string v = it->is_string() ? it->get<std::string>() : "";
        if (v == "auto")
            c.video = VideoOutput::Auto;
        else if (v == "kmsdrm")
            c.video = VideoOutput::Kmsdrm;
        else if (v == "wayland")
            c.video = VideoOutput::Wayland;
        else if (v == "x11")
            c.video = VideoOutput::X11;
        else
            return fail(field("video") + " must be \"auto\", \"kmsdrm\", \"wayland\" or \"x11\"");
    }
    if (auto it = j.find("log_level"); it != j.end()) {
        std::string v = it->is_string() ? it->get<std::string>() : "";
        if (v == "debug")
            c.log_level = log::Level::Debug;
        else if (v == "info")
            c.log_level = log::Level::Info;
        else if (v == "warning")
            c.log_level = log::Level::Warn;
        else if (v == "error")
            c.log_level = log::Level::Error;
        else
            return fail(field("log_level") +
                        " must be \"debug\", \"info\", \"warning\" or \"error\"");
    }
    if (auto r = whole("play_log_keep_days", 1, 3650, c.play_log_keep_days); !r)
        return std::unexpected(r.error());
    long long max_mb = static_cast<long long>(c.play_log_max_bytes >> 20);
    if (auto r = whole("play_log_max_mb", 1, 100'000, max_mb); !r)
        return std::unexpected(r.error());
    c.play_log_max_bytes = static_cast<std::uint64_t>(max_mb) << 20;
    return c;
}

} // namespace kiosk::app

// Manifest parsing: structural faults fail the bundle, a bad slide costs only itself.
#include "kiosk/content/manifest.hpp"

#include "kiosk/content/url.hpp"

#include "kiosk/content/json_util.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace kiosk::content {
namespace {

using detail::Json;

constexpr const char* kFile = "manifest.json";

bool valid_logical_name(const std::string& name) {
    if (name.empty() || name.front() == '/' || name.find('\\') != std::string::npos ||
        name.find('\0') != std::string::npos)
        return false;
    std::size_t start = 0;
    while (start <= name.size()) {
        auto end = name.find('/', start);
        if (end == std::string::npos)
            end = name.size();
        auto part = name.substr(start, end - start);
        if (part.empty() || part == "." || part == "..")
            return false;
        start = end + 1;
    }
    return true;
}

bool valid_sha256(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

Result<Link> parse_link(const Json& j, const std::string& where) {
    if (!j.is_object())
        return fail(where + " must be an object {id, title, url, caption, sample}");
    for (const auto& [key, value] : j.items())
        if (key != "id" && key != "title" && key != "url" && key != "caption" && key != "sample")
            return fail(where + ": unknown field \"" + key +
                        "\" (id, title, url, caption, sample)");
    Link l;
    for (auto [key, out] :
         {std::pair{"id", &l.id}, std::pair{"title", &l.title}, std::pair{"url", &l.url}}) {
        auto v = detail::get_string(j, key, where);
        if (!v)
            return std::unexpected(v.error());
        if (v->empty())
            return fail(where + ": field \"" + key + "\" must not be empty");
        *out = *v;
    }
    std::string err;
    l.caption = detail::opt_string(j, "caption", where, err).value_or("");
    if (!err.empty())
        return fail(err);
    if (auto s = j.find("sample"); s != j.end()) {
        if (!s->is_boolean())
            return fail(where + ": field \"sample\" must be true or false");
        l.sample = s->get<bool>();
    }
    if (auto ok = check_link_url(l.url); !ok)
        return fail(where + ": field \"url\": " + ok.error().message);
    return l;
}

Result<Window> parse_window(const nlohmann::json& j, const std::string& where,
                            std::chrono::minutes offset) {
    const std::string at = where + ": window";
    if (!j.is_object())
        return fail(at + " must be an object with from, until, weekdays, hours");
    Window w;
    for (const auto& [key, value] : j.items()) {
        if (key == "from" || key == "until") {
            auto t = value.is_string()
                         ? parse_date_or_time(value.get<std::string>(), offset,
                                              key == "from" ? DateEdge::Start : DateEdge::End)
                         : std::nullopt;
            if (!t)
                return fail(at + ": field \"" + key +
                            "\" must be a date like 2020-11-08 or a date-time like "
                            "2020-11-08T09:30:00+08:00");
            (key == "from" ? w.from : w.until) = *t;
        } else if (key == "weekdays") {
            if (!value.is_array() || value.empty())
                return fail(
                    at + ": field \"weekdays\" must be a list of days, 1 (Monday) to 7 (Sunday)");
            w.weekdays = 0;
            for (const auto& d : value) {
                if (!d.is_number_integer() || d.get<int>() < 1 || d.get<int>() > 7)
                    return fail(
                        at +
                        ": field \"weekdays\" must be a list of days, 1 (Monday) to 7 (Sunday)");
                w.weekdays |= 1u << (d.get<int>() - 1);
            }
        } else if (key == "hours") {
            if (!value.is_array())
                return fail(at +
                            ": field \"hours\" must be a list of [\"08:00\", \"18:00\"] pairs");
            for (const auto& pair : value) {
                std::optional<DailyHours> h;
                if (pair.is_array() && pair.size() == 2 && pair[0].is_string() &&
                    pair[1].is_string())
                    h = parse_hours(pair[0].get<std::string>() + "-" + pair[1].get<std::string>());
                if (!h)
                    return fail(at + ": field \"hours\" must be a list of [\"08:00\", \"18:00\"] "
                                     "pairs (end may be past midnight, not equal to start)");
                w.hours.push_back(*h);
            }
        } else {
            return fail(at + ": unknown field \"" + key + "\" (from, until, weekdays, hours)");
        }
    }
    if (w.from && w.until && *w.until <= *w.from)
        return fail(at + ": \"until\" must be after \"from\"");
    return w;
}

Result<Theme> parse_theme(const Json& j, std::vector<Warning>& warnings,
                          std::chrono::minutes offset) {
    const std::string where = std::string(kFile) + ": theme";
    if (!j.is_object())
        return fail(where + " must be an object");
    Theme theme;
    auto header = detail::get_string(j, "header", where);
    if (!header)
        return std::unexpected(header.error());
    theme.header = *header;
    std::string err;
    theme.logo = detail::opt_string(j, "logo", where, err).value_or("");
    if (!err.empty())
        return fail(err);
    if (auto colors = j.find("colors"); colors != j.end()) {
        if (!colors->is_object())
            return fail(where + ": field \"colors\" must be an object");
        auto read = [&](const char* key, Color& out) {
            auto it = colors->find(key);
            if (it == colors->end())
                return;
            auto c = it->is_string() ? parse_color(it->get<std::string>()) : std::nullopt;
            if (c)
                out = *c;
            else
                warnings.push_back(
                    {where + ".colors." + key, "not a colour like #B5121B; default used"});
        };
        read("primary", theme.primary);
        read("accent", theme.accent);
        read("text", theme.text);
        read("background", theme.background);
        read("panel", theme.panel);
        read("panel_text", theme.panel_text);
    }
    if (auto ticker = j.find("ticker"); ticker != j.end()) {
        if (!ticker->is_array())
            return fail(where + ": field \"ticker\" must be a list of texts");
        for (std::size_t i = 0; i < ticker->size(); ++i) {
            const auto& item = (*ticker)[i];
            const std::string at = where + ".ticker[" + std::to_string(i) + "]";
            if (item.is_string() && !item.get<std::string>().empty()) {
                theme.ticker.push_back({item.get<std::string>(), {}});
            } else if (item.is_object() && item.contains("text") && item["text"].is_string()) {
                TickerItem t{item["text"].get<std::string>(), {}};
                if (auto w = item.find("window"); w != item.end()) {
                    auto parsed = parse_window(*w, at, offset);
                    if (!parsed) {
                        warnings.push_back({at, parsed.error().message + "; skipped"});
                        continue;
                    }
                    t.window = *parsed;
                }
                theme.ticker.push_back(std::move(t));
            } else {
                warnings.push_back({at, at + ": not a text; skipped"});
            }
        }
    }
    return theme;
}

Result<AssetInfo> parse_asset(const std::string& name, const Json& j) {
    const std::string where = std::string(kFile) + ": assets[\"" + name + "\"]";
    if (!valid_logical_name(name))
        return fail(where + ": the name must be a relative path without \"..\"");
    if (!j.is_object())
        return fail(where + " must be an object");
    AssetInfo a;
    auto sha = detail::get_string(j, "sha256", where);
    if (!sha)
        return std::unexpected(sha.error());
    if (!valid_sha256(*sha))
        return fail(where + ": field \"sha256\" must be 64 lowercase hexadecimal digits");
    a.sha256 = *sha;
    auto size = detail::get_int(j, "size", where);
    if (!size)
        return std::unexpected(size.error());
    if (*size < 0)
        return fail(where + ": field \"size\" must not be negative");
    a.size = static_cast<std::uint64_t>(*size);
    auto type = detail::get_string(j, "type", where);
    if (!type)
        return std::unexpected(type.error());
    a.type = *type;
    return a;
}

std::optional<SlideKind> kind_from(const std::string& s) {
    if (s == "image")
        return SlideKind::Image;
    if (s == "text")
        return SlideKind::Text;
    if (s == "schedule")
        return SlideKind::Schedule;
    if (s == "results")
        return SlideKind::Results;
    if (s == "qr")
        return SlideKind::Qr;
    return std::nullopt;
}

Result<Slide> parse_slide(const Json& j, const std::string& where,
                          const std::map<std::string, AssetInfo>& assets,
                          const std::vector<Link>& links, std::chrono::minutes offset) {
    if (!j.is_object())
        return fail(where + " must be an object");
    Slide s;
    auto id = detail::get_string(j, "id", where);
    if (!id)
        return std::unexpected(id.error());
    if (id->empty())
        return fail(where + ": field \"id\" must not be empty");
    s.id = *id;
    const std::string at = where + " (id \"" + s.id + "\")";
    auto kind_text = detail::get_string(j, "kind", at);
    if (!kind_text)
        return std::unexpected(kind_text.error());
    auto kind = kind_from(*kind_text);
    if (!kind)
        return fail(at + ": field \"kind\": \"" + *kind_text +
                    "\" is not one of image, text, schedule, results");
    s.kind = *kind;
    if (auto d = j.find("duration_s"); d != j.end()) {
        if (!d->is_number() || !std::isfinite(d->get<double>()) || d->get<double>() < 1 ||
            d->get<double>() > 3600)
            return fail(at + ": field \"duration_s\" must be a number of seconds from 1 to 3600");
        s.duration = Duration{static_cast<std::int64_t>(std::lround(d->get<double>() * 1000))};
    }
    std::string err;
    auto transition = detail::opt_string(j, "transition", at, err).value_or("fade");
    if (!err.empty())
        return fail(err);
    if (transition == "fade")
        s.transition = Transition::Fade;
    else if (transition == "slide")
        s.transition = Transition::Slide;
    else if (transition == "cut")
        s.transition = Transition::Cut;
    else
        return fail(at + ": field \"transition\": \"" + transition +
                    "\" is not one of fade, slide, cut");

    auto need_asset = [&](const char* key, bool image) -> Result<std::string> {
        auto name = detail::get_string(j, key, at);
        if (!name)
            return name;
        auto it = assets.find(*name);
        if (it == assets.end())
            return fail(at + ": field \"" + key + "\": \"" + *name + "\" is not listed in assets");
        if (image && !is_image_type(it->second.type))
            return fail(at + ": field \"" + key + "\": \"" + *name + "\" is not an image");
        if (!image && it->second.type != "application/json")
            return fail(at + ": field \"" + key + "\": \"" + *name + "\" is not a JSON data file");
        return name;
    };

    if (auto w = j.find("window"); w != j.end()) {
        auto parsed = parse_window(*w, at, offset);
        if (!parsed)
            return std::unexpected(parsed.error());
        s.window = *parsed;
    }
    auto priority = detail::opt_string(j, "priority", at, err).value_or("normal");
    if (!err.empty())
        return fail(err);
    if (priority == "normal")
        s.priority = Priority::Normal;
    else if (priority == "notice")
        s.priority = Priority::Notice;
    else if (priority == "emergency")
        s.priority = Priority::Emergency;
    else
        return fail(at + ": field \"priority\": \"" + priority +
                    "\" is not one of normal, notice, emergency");
    if (auto tags = j.find("tags"); tags != j.end()) {
        if (!tags->is_array())
            return fail(at + ": field \"tags\" must be a list of display tags");
        for (const auto& t : *tags) {
            if (!t.is_string() || t.get<std::string>().empty())
                return fail(at + ": field \"tags\" must be a list of display tags");
            s.tags.push_back(t.get<std::string>());
        }
    }

    switch (s.kind) {
    case SlideKind::Image: {
        auto a = need_asset("asset", true);
        if (!a)
            return std::unexpected(a.error());
        s.asset = *a;
        auto fit = detail::opt_string(j, "fit", at, err).value_or("fit");
        if (!err.empty())
            return fail(err);
        if (fit == "fit" || fit == "contain")
            s.fit = Fit::Contain;
        else if (fit == "cover")
            s.fit = Fit::Cover;
        else
            return fail(at + ": field \"fit\": \"" + fit + "\" is not fit or cover");
        break;
    }
    case SlideKind::Text: {
        auto title = detail::get_string(j, "title", at);
        if (!title)
            return std::unexpected(title.error());
        auto body = detail::get_string(j, "body", at);
        if (!body)
            return std::unexpected(body.error());
        s.title = *title;
        s.body = *body;
        bool markdown = false;
        if (auto it = j.find("markdown"); it != j.end()) {
            if (!it->is_boolean())
                return fail(at + ": field \"markdown\" must be true or false");
            markdown = it->get<bool>();
        }
        s.notice = std::make_shared<const Notice>(markdown ? parse_markdown_notice(s.body)
                                                           : plain_notice(s.body));
        break;
    }
    case SlideKind::Schedule: {
        auto d = need_asset("data", false);
        if (!d)
            return std::unexpected(d.error());
        s.data = *d;
        break;
    }
    case SlideKind::Results: {
        auto d = need_asset("data", false);
        if (!d)
            return std::unexpected(d.error());
        s.data = *d;
        auto ev = detail::get_string(j, "event", at);
        if (!ev)
            return std::unexpected(ev.error());
        s.event = *ev;
        break;
    }
    case SlideKind::Qr: {
        auto link = detail::get_string(j, "link", at);
        if (!link)
            return std::unexpected(link.error());
        if (std::none_of(links.begin(), links.end(), [&](const Link& l) { return l.id == *link; }))
            return fail(at + ": field \"link\": \"" + *link + "\" is not one of the links");
        s.link = *link;
        break;
    }
    }
    return s;
}

} // namespace

bool is_image_type(std::string_view mime) {
    return mime == "image/jpeg" || mime == "image/png" || mime == "image/webp" ||
           mime == "image/svg+xml";
}

Result<void> check_link_url(std::string_view url) {
    return check_web_url(url, kMaxUrlBytes);
}

Result<Manifest> parse_manifest(std::string_view text, std::vector<Warning>& warnings) {
    auto parsed = detail::parse_json(text, kFile);
    if (!parsed)
        return std::unexpected(parsed.error());
    const Json& j = *parsed;
    if (!j.is_object())
        return fail(std::string(kFile) + ": must be a JSON object");
    Manifest m;
    auto schema = detail::get_int(j, "schema_version", kFile);
    if (!schema)
        return std::unexpected(schema.error());
    if (*schema != kSchemaVersion)
        return fail(std::string(kFile) + ": field \"schema_version\": " + std::to_string(*schema) +
                    " is not supported (this kiosk reads schema 1)");
    m.schema_version = static_cast<int>(*schema);
    auto version = detail::get_int(j, "bundle_version", kFile);
    if (!version)
        return std::unexpected(version.error());
    if (*version < 1 || *version > kMaxBundleVersion)
        return fail(std::string(kFile) + ": field \"bundle_version\" must be 1 to 2^53 (" +
                    std::to_string(kMaxBundleVersion) + ")");
    m.bundle_version = *version;
    for (auto [key, field] :
         {std::pair{"created", &m.created}, std::pair{"published", &m.published}}) {
        if (!j.contains(key))
            continue;
        auto t = detail::get_datetime(j, key, kFile);
        if (!t)
            return std::unexpected(t.error());
        *field = *t;
    }
    if (j.contains("expires")) {
        auto expires = detail::get_datetime(j, "expires", kFile);
        if (!expires)
            return std::unexpected(expires.error());
        m.expires = *expires;
    }
    auto tz = j.find("time_zone");
    if (tz == j.end() || !tz->is_object())
        return fail(std::string(kFile) +
                    ": field \"time_zone\" must be an object like {\"name\": \"Asia/Shanghai\", "
                    "\"utc_offset\": \"+08:00\"}");
    const std::string tz_where = std::string(kFile) + ": time_zone";
    auto offset_text = detail::get_string(*tz, "utc_offset", tz_where);
    if (!offset_text)
        return std::unexpected(offset_text.error());
    auto offset = parse_utc_offset(*offset_text);
    if (!offset)
        return fail(tz_where + ": field \"utc_offset\": \"" + *offset_text +
                    "\" is not like +08:00");
    m.utc_offset = *offset;
    std::string err;
    m.time_zone_name = detail::opt_string(*tz, "name", tz_where, err).value_or("");

    auto theme = j.find("theme");
    if (theme == j.end())
        return fail(std::string(kFile) + ": field \"theme\" is missing");
    auto parsed_theme = parse_theme(*theme, warnings, m.utc_offset);
    if (!parsed_theme)
        return std::unexpected(parsed_theme.error());
    m.theme = std::move(*parsed_theme);

    auto assets = j.find("assets");
    if (assets == j.end() || !assets->is_object())
        return fail(std::string(kFile) +
                    ": field \"assets\" must be an object of name → {sha256, size, type}");
    for (const auto& [name, value] : assets->items()) {
        auto a = parse_asset(name, value);
        if (!a) {
            warnings.push_back({"assets[\"" + name + "\"]", a.error().message});
            continue;
        }
        m.assets.emplace(name, std::move(*a));
    }
    if (!m.theme.logo.empty()) {
        auto it = m.assets.find(m.theme.logo);
        if (it == m.assets.end() || !is_image_type(it->second.type)) {
            warnings.push_back(
                {"theme.logo",
                 "\"" + m.theme.logo + "\" is not an image listed in assets; no logo shown"});
            m.theme.logo.clear();
        }
    }

    if (auto links = j.find("links"); links != j.end()) {
        if (!links->is_array())
            return fail(std::string(kFile) +
                        ": field \"links\" must be a list of {id, title, url, caption}");
        std::set<std::string> link_ids;
        for (std::size_t i = 0; i < links->size(); ++i) {
            const std::string where = std::string(kFile) + ": links[" + std::to_string(i) + "]";
            auto l = parse_link((*links)[i], where);
            if (l && !link_ids.insert(l->id).second)
                l = fail(where + ": id \"" + l->id + "\" is used twice; this one is skipped");
            if (!l) {
                warnings.push_back({where, l.error().message});
                continue;
            }
            m.links.push_back(std::move(*l));
        }
    }

    auto slides = j.find("slides");
    if (slides == j.end() || !slides->is_array())
        return fail(std::string(kFile) + ": field \"slides\" must be a list");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < slides->size(); ++i) {
        const std::string where = std::string(kFile) + ": slides[" + std::to_string(i) + "]";
        auto s = parse_slide((*slides)[i], where, m.assets, m.links, m.utc_offset);
        if (!s) {
            warnings.push_back({where, s.error().message});
            continue;
        }
        if (!ids.insert(s->id).second) {
            warnings.push_back(
                {where, where + ": id \"" + s->id + "\" is used twice; this one is skipped"});
            continue;
        }
        m.slides.push_back(std::move(*s));
    }

    if (auto every = j.find("notice_every"); every != j.end()) {
        if (!every->is_number_integer() || every->get<int>() < 1 || every->get<int>() > 1000)
            return fail(std::string(kFile) +
                        ": field \"notice_every\" must be a whole number from 1 to 1000");
        m.notice_every = every->get<int>();
    }

    auto playlist = j.find("playlist");
    if (playlist == j.end() || !playlist->is_array())
        return fail(std::string(kFile) + ": field \"playlist\" must be a list of slide ids");
    for (std::size_t i = 0; i < playlist->size(); ++i) {
        const auto& item = (*playlist)[i];
        const std::string where = std::string(kFile) + ": playlist[" + std::to_string(i) + "]";
        if (!item.is_string()) {
            warnings.push_back({where, where + " must be a slide id"});
            continue;
        }
        auto id = item.get<std::string>();
        if (!ids.contains(id)) {
            warnings.push_back(
                {where, where + ": \"" + id + "\" is not a playable slide; skipped"});
            continue;
        }
        m.playlist.push_back(id);
    }
    return m;
}

} // namespace kiosk::content

// Source folder → bundle.
#include "source.hpp"

#include "notice_source.hpp"

#include "csv.hpp"
#include "file_match.hpp"
#include "ini.hpp"
#include "kiosk/content/bundle.hpp"
#include "kiosk/content/sha256.hpp"
#include "kiosk/content/window.hpp"
#include "kiosk/core/color.hpp"
#include "kiosk/core/image_info.hpp"
#include "kiosk/text/utf8.hpp"
#include "kiosk/ui/layout.hpp"
#include "picture_check.hpp"
#include "results_csv.hpp"
#include "sheet.hpp"
#include "values.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>

namespace kiosk::pack {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono;

constexpr const char* kSettings = "settings.ini";
constexpr std::uintmax_t kFileLimit = 64u << 20;

// Why the player would refuse this image (named by the caller), or nothing: a raster image over the
// pixel limit (SVGs are drawn at the size they are shown), a cut-short JPEG, a hostile SVG.
std::optional<std::string> player_refusal(const ImageInfo& info, std::string_view bytes) {
    if (bytes.size() > kMaxImageFileBytes)
        return std::to_string(bytes.size()) + " bytes, more than the player's limit of " +
               std::to_string(kMaxImageFileBytes >> 20) + " MiB for an image file";
    if (!info.complete)
        return std::string("cut short or damaged (no end marker after its image data): save it "
                           "again");
    if (info.mime == "image/svg+xml") {
        if (auto why = svg_refusal(bytes))
            return "refused: " + *why;
        return std::nullopt;
    }
    if (static_cast<std::uint64_t>(info.width) * static_cast<std::uint64_t>(info.height) <=
        kMaxImagePixels)
        return std::nullopt;
    return std::to_string(info.width) + "x" + std::to_string(info.height) +
           " pixels, more than the player's limit of " +
           std::to_string(kMaxImagePixels / 1'000'000) + " million: scale it down";
}

// What to say of a file named in the settings that cannot be read: with the close match in the
// folder, when there is one.
std::string missing_file(const fs::path& dir, const std::string& name) {
    std::error_code ec;
    if (fs::exists(dir / name, ec))
        return "the file \"" + name + "\" cannot be read";
    std::string message = "the file \"" + name + "\" is missing";
    if (auto match = close_file_match(dir, name))
        message += "; did you mean \"" + *match + "\"?";
    return message;
}

std::vector<std::string> split_list(const std::string& v) {
    std::string s = v;
    for (const char* sep : {"，", "、", "；", ";"}) {
        std::size_t p;
        while ((p = s.find(sep)) != std::string::npos)
            s.replace(p, std::string(sep).size(), ",");
    }
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= s.size()) {
        auto c = s.find(',', pos);
        if (c == std::string::npos)
            c = s.size();
        auto item = trim(s.substr(pos, c - pos));
        if (!item.empty())
            out.push_back(item);
        pos = c + 1;
    }
    return out;
}

std::string offset_text(minutes off) {
    char buf[8];
    auto a = off.count() < 0 ? -off.count() : off.count();
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", off.count() < 0 ? '-' : '+',
                  static_cast<int>(a / 60), static_cast<int>(a % 60));
    return buf;
}

} // namespace

bool parse_results_csv(const std::string& bytes, const std::string& name, Problems& problems,
                       json& events, std::set<std::string>& names, TextOrigins* origins) {
    auto rows = read_sheet(bytes, name, problems);
    if (!rows)
        return false;
    CsvTable t(std::move(*rows),
               {{"event", {"event", "赛项"}, true},
                {"team", {"team", "school", "学校", "队伍", "代表队", "学校/队伍"}, true},
                {"contestant", {"contestant", "选手", "参赛选手"}, false},
                {"score", {"score", "成绩", "分数"}, true},
                {"award", {"award", "奖项"}, false},
                {"final", {"final", "决赛", "最终"}, false}},
               name, problems);
    if (!t.ok())
        return false;
    std::map<std::string, json> by_event;
    std::vector<std::string> order;
    for (const auto& row : t.rows()) {
        std::string ev = t.get(row, "event");
        std::string team = t.get(row, "team");
        const std::string score_text = t.get(row, "score");
        auto score = to_number(score_text);
        std::string fin = t.get(row, "final");
        bool bad = false;
        if (ev.empty()) {
            problems.error(name, row.line, t.label("event"), "every row needs the event (赛项)");
            bad = true;
        }
        if (team.empty()) {
            problems.error(name, row.line, t.label("team"), "every row needs the school or team");
            bad = true;
        }
        if (!score && !no_score(score_text)) {
            problems.error(name, row.line, t.label("score"),
                           "\"" + score_text +
                               "\" is not a number like 95.5, nor 缺考 or 弃权 (listed without a "
                               "score), nor blank");
            bad = true;
        }
        if (!is_yes(fin) && !is_no(fin)) {
            problems.error(name, row.line, t.label("final"),
                           "\"" + fin + "\" must be 是 or 否 (yes or no)");
            bad = true;
        }
        if (bad)
            continue;
        if (!by_event.contains(ev)) {
            by_event[ev] = {{"event", ev}, {"final", false}, {"entries", json::array()}};
            order.push_back(ev);
        }
        if (is_yes(fin))
            by_event[ev]["final"] = true;
        // The score shown as entered (85.25 stays 85.25); none for 缺考, 弃权 or a blank cell,
        // listed unranked after the others.
        json entry = {{"team", team},
                      {"score", score ? json(*score) : json(nullptr)},
                      {"score_text", score ? number_text(score_text) : score_text}};
        if (auto c = t.get(row, "contestant"); !c.empty())
            entry["contestant"] = c;
        if (auto a = t.get(row, "award"); !a.empty())
            entry["award"] = a;
        by_event[ev]["entries"].push_back(entry);
        if (origins != nullptr)
            for (const char* key : {"event", "team", "contestant", "award"})
                origins->add(t.get(row, key), name, row.line, t.label(key));
    }
    for (const auto& ev : order) {
        events.push_back(by_event[ev]);
        names.insert(ev);
    }
    return !problems.has_errors();
}

namespace {

struct Reader {
    Reader(fs::path d, const PackOptions& o, Problems& p)
        : dir(std::move(d)), options(o), problems(p) {}

    fs::path dir;
    const PackOptions& options;
    Problems& problems;
    minutes offset{8 * 60};
    std::string tz_name;
    Size screen{1920, 1080};
    Packed packed;
    json manifest = json::object();
    std::set<std::string> used_files;

    // A file named in the settings: inside the folder, present, and not too big.
    std::optional<std::string> read_named(const std::string& name, int line,
                                          const std::string& field) {
        fs::path rel(name);
        bool escapes = rel.is_absolute() || name.find("..") != std::string::npos ||
                       name.find('\\') != std::string::npos;
        if (name.empty() || escapes) {
            problems.error(
                kSettings, line, field,
                "\"" + name +
                    "\" must be a file inside the source folder, like posters/launch.jpg");
            return std::nullopt;
        }
        std::error_code ec;
        auto size = fs::file_size(dir / rel, ec);
        if (!ec && size > kFileLimit) {
            problems.error(kSettings, line, field,
                           "the file \"" + name + "\" is " + std::to_string(size) +
                               " bytes, more than the limit of " +
                               std::to_string(kFileLimit >> 20) + " MiB");
            return std::nullopt;
        }
        auto bytes = content::read_file(dir / rel, kFileLimit);
        if (!bytes) {
            problems.error(kSettings, line, field, missing_file(dir, name));
            return std::nullopt;
        }
        used_files.insert(rel.lexically_normal().generic_string());
        return std::move(*bytes);
    }

    json read_window(const IniSection& s, content::Window& w, const std::string& file) {
        json out = json::object();
        for (const auto& e : s.entries) {
            if (e.key == "from" || e.key == "until") {
                auto t = content::parse_date_or_time(e.value, offset,
                                                     e.key == "from" ? content::DateEdge::Start
                                                                     : content::DateEdge::End);
                if (!t) {
                    problems.error(
                        file, e.line, e.key,
                        "\"" + e.value +
                            "\" is not a date like 2020-11-08 or a time like 2020-11-08 09:30");
                    continue;
                }
                (e.key == "from" ? w.from : w.until) = *t;
                out[e.key] = format_iso(*t, offset);
            } else if (e.key == "weekdays") {
                auto bits = content::parse_weekdays(e.value);
                if (!bits) {
                    problems.error(file, e.line, e.key,
                                   "\"" + e.value +
                                       "\" is not a list of days like 1-5 or 6,7 (1 is Monday)");
                    continue;
                }
                w.weekdays = *bits;
                json days = json::array();
                for (int d = 1; d <= 7; ++d)
                    if ((*bits >> (d - 1)) & 1u)
                        days.push_back(d);
                out["weekdays"] = days;
            } else if (e.key == "hours") {
                json spans = json::array();
                for (const auto& span : split_list(e.value)) {
                    auto h = content::parse_hours(span);
                    if (!h) {
                        problems.error(file, e.line, e.key,
                                       "\"" + span +
                                           "\" is not a time span like 08:00-18:00 (or 22:00-02:00 "
                                           "across midnight)");
                        continue;
                    }
                    w.hours.push_back(*h);
                    auto hhmm = [](minutes m) {
                        char b[8];
                        std::snprintf(b, sizeof b, "%02d:%02d", static_cast<int>(m.count() / 60),
                                      static_cast<int>(m.count() % 60));
                        return std::string(b);
                    };
                    spans.push_back(json::array({hhmm(h->start), hhmm(h->end)}));
                }
                out["hours"] = spans;
            }
        }
        if (w.from && w.until && *w.until <= *w.from)
            problems.error(file, s.line, "until", "the window ends before it starts");
        return out;
    }

    void bundle_section(const IniSection& s) {
        for (const auto& e : s.entries) {
            if (e.key == "version") {
                auto v = to_int(e.value);
                if (!v || *v < 1 || *v > content::kMaxBundleVersion)
                    problems.error(kSettings, e.line, e.key,
                                   "\"" + e.value + "\" must be a whole number from 1 to 2^53 (" +
                                       std::to_string(content::kMaxBundleVersion) + ")");
                else
                    manifest["bundle_version"] = *v;
            } else if (e.key == "time_zone") {
                std::string v = e.value;
                auto space = v.rfind(' ');
                std::string off_text = space == std::string::npos ? v : v.substr(space + 1);
                auto off = parse_utc_offset(off_text);
                if (!off) {
                    problems.error(
                        kSettings, e.line, e.key,
                        "\"" + v +
                            "\" must end with the offset from UTC, like \"Asia/Shanghai +08:00\"");
                    continue;
                }
                offset = *off;
                tz_name = space == std::string::npos ? "" : trim(v.substr(0, space));
            } else if (e.key == "created") {
                manifest["created"] = e.value; // Checked once the offset is known.
            } else if (e.key == "notice_every") {
                auto v = to_int(e.value);
                if (!v || *v < 1 || *v > 1000)
                    problems.error(kSettings, e.line, e.key,
                                   "\"" + e.value + "\" must be a whole number from 1 to 1000");
                else
                    manifest["notice_every"] = *v;
            } else if (e.key == "screen") {
                auto size = parse_size(e.value);
                if (!size)
                    problems.error(kSettings, e.line, e.key,
                                   "\"" + e.value + "\" is not a size like 1920x1080");
                else
                    screen = *size;
            } else {
                problems.error(kSettings, e.line, e.key,
                               "unknown setting in [bundle] (version, time_zone, created, "
                               "notice_every, screen)");
            }
        }
        if (!manifest.contains("bundle_version"))
            problems.error(kSettings, s.line, "version",
                           "[bundle] needs \"version = 1\" (raise it for every new bundle)");
    }

    void theme_section(const IniSection& s, json& theme) {
        json colors = json::object();
        for (const auto& e : s.entries) {
            if (e.key == "header") {
                theme["header"] = e.value;
                packed.origins.add(e.value, kSettings, e.line, e.key);
            } else if (e.key == "logo") {
                if (auto bytes = read_named(e.value, e.line, e.key)) {
                    auto info = read_image_info(*bytes);
                    if (!info) {
                        problems.error(kSettings, e.line, e.key,
                                       "\"" + e.value + "\" is not a JPEG, PNG, WebP or SVG image");
                        continue;
                    }
                    if (auto why = player_refusal(*info, *bytes)) {
                        problems.error(kSettings, e.line, e.key, "\"" + e.value + "\" is " + *why);
                        continue;
                    }
                    logo = {e.value, e.line, std::move(*bytes)};
                }
            } else if (e.key == "primary" || e.key == "accent" || e.key == "text" ||
                       e.key == "background" || e.key == "panel" || e.key == "panel_text") {
                if (!parse_color(e.value))
                    problems.error(kSettings, e.line, e.key,
                                   "\"" + e.value + "\" is not a colour like #B5121B");
                else
                    colors[e.key] = e.value;
            } else {
                problems.error(kSettings, e.line, e.key,
                               "unknown setting in [theme] (header, logo, primary, accent, text, "
                               "background, panel, panel_text)");
            }
        }
        theme["colors"] = colors;
        if (!logo.name.empty() && check_logo(colors.value("primary", "#B5121B"))) {
            theme["logo"] = logo.name;
            packed.copies[logo.name] = dir / logo.name;
        }
    }

    // The header logo, decoded as the display will show it in the header of the bundle's
    // screen: refused if the display would refuse it, warned about if it will look blurred, too
    // small, or lost in the header colour (`header`, its primary colour).
    struct Logo {
        std::string name;
        int line{};
        std::string bytes;
    } logo;
    bool check_logo(const std::string& header) {
        Rect box = ui::header_logo(ui::make_layout(screen));
        auto pic = check_picture(logo.name, logo.bytes, {box.w, box.h}, Fit::Contain,
                                 options.svg_program, parse_color(header).value_or(Color{}));
        if (!pic) {
            problems.error(kSettings, logo.line, "logo",
                           "\"" + logo.name + "\" " + pic.error().message);
            return false;
        }
        for (const auto& w : logo_warnings(*pic, {box.w, box.h}, screen, header))
            problems.warn(kSettings, logo.line, "logo", "\"" + logo.name + "\" " + w);
        return true;
    }

    void timetable(const std::string& name, int line, json& events) {
        auto bytes = read_named(name, line, "file");
        if (!bytes)
            return;
        auto rows = read_sheet(*bytes, name, problems);
        if (!rows)
            return;
        CsvTable t(std::move(*rows),
                   {{"date", {"date", "日期"}, true},
                    {"start", {"start", "开始", "开始时间"}, true},
                    {"end", {"end", "结束", "结束时间"}, true},
                    {"title", {"title", "活动", "活动名称", "名称"}, true},
                    {"place", {"place", "地点"}, false},
                    {"invented", {"invented", "示例", "示例安排"}, false}},
                   name, problems);
        if (!t.ok())
            return;
        struct Span {
            TimePoint start, end;
            std::string place, title;
            int line;
        };
        std::vector<Span> spans;
        const Date week = week_of(t);
        for (const auto& row : t.rows()) {
            // A date without a year (11月9日) takes the year of the week.
            auto d = parse_date(t.get(row, "date"));
            auto date = d ? iso_date(d->year.value_or(nearest_year(d->month, d->day, *week.year,
                                                                   week.month, week.day)),
                                     d->month, d->day)
                          : std::nullopt;
            auto start = clock_minutes(t.get(row, "start"));
            auto end = clock_minutes(t.get(row, "end"));
            std::string title = t.get(row, "title");
            bool bad = false;
            if (!date) {
                problems.error(name, row.line, t.label("date"),
                               "\"" + t.get(row, "date") +
                                   "\" is not a date like 2020-11-08 or 11月8日");
                bad = true;
            }
            if (!start) {
                problems.error(name, row.line, t.label("start"),
                               "\"" + t.get(row, "start") + "\" is not a time like 09:00");
                bad = true;
            }
            if (!end) {
                problems.error(name, row.line, t.label("end"),
                               "\"" + t.get(row, "end") + "\" is not a time like 11:00");
                bad = true;
            }
            if (title.empty()) {
                problems.error(name, row.line, t.label("title"), "every event needs a title");
                bad = true;
            }
            std::string inv = t.get(row, "invented");
            if (!is_yes(inv) && !is_no(inv)) {
                problems.error(name, row.line, t.label("invented"),
                               "\"" + inv + "\" must be 是 or 否 (yes or no)");
                bad = true;
            }
            if (bad)
                continue;
            if (*start == *end) {
                problems.error(name, row.line, t.label("end"), "the event ends when it starts");
                continue;
            }
            TimePoint day = *parse_datetime(*date + "T00:00:00" + offset_text(offset));
            TimePoint s = day + minutes{*start};
            TimePoint e =
                day + minutes{*end} + (*end < *start ? days{1} : days{0}); // Past midnight.
            json ev = {{"title", title},
                       {"start", format_iso(s, offset)},
                       {"end", format_iso(e, offset)},
                       {"place", t.get(row, "place")},
                       {"invented", is_yes(inv)}};
            events.push_back(ev);
            spans.push_back({s, e, t.get(row, "place"), title, row.line});
            packed.origins.add(title, name, row.line, t.label("title"));
            packed.origins.add(t.get(row, "place"), name, row.line, t.label("place"));
        }
        for (std::size_t i = 0; i < spans.size(); ++i)
            for (std::size_t k = i + 1; k < spans.size(); ++k)
                if (!spans[i].place.empty() && spans[i].place == spans[k].place &&
                    spans[i].start < spans[k].end && spans[k].start < spans[i].end)
                    problems.warn(name, spans[k].line, t.label("place"),
                                  "\"" + spans[k].title + "\" overlaps \"" + spans[i].title +
                                      "\" (line " + std::to_string(spans[i].line) + ") at " +
                                      spans[i].place);
    }

    // The week a timetable is about: its first date with a year, else the day the bundle was
    // created, else today. Dates given without a year take the year nearest to it.
    Date week_of(const CsvTable& t) const {
        for (const auto& row : t.rows())
            if (auto d = parse_date(t.get(row, "date")); d && d->year)
                return *d;
        TimePoint when = options.now;
        if (manifest.contains("created"))
            if (auto c = parse_datetime(manifest["created"].get<std::string>()))
                when = *c;
        auto local = parse_date(format_iso(when, offset).substr(0, 10));
        return local.value_or(Date{2020, 1, 1});
    }

    std::set<std::string> results(const std::string& name, int line, json& events) {
        std::set<std::string> names;
        auto bytes = read_named(name, line, "file");
        if (!bytes)
            return names;
        parse_results_csv(*bytes, name, problems, events, names, &packed.origins);
        return names;
    }

    // A notice file: the first line is the title, the rest the body, in Markdown.
    std::optional<NoticeSource> notice(const std::string& name, int line) {
        auto bytes = read_named(name, line, "notice");
        if (!bytes)
            return std::nullopt;
        auto text = to_utf8(*bytes, name, problems);
        if (!text)
            return std::nullopt;
        return read_notice(*text, name, problems);
    }
};

// Without a [playlist], the normal slides play in the order of their sections: what an operator
// who wrote none most likely means. Said with a warning, as it may be an omission.
void play_in_file_order(const json& slides, const std::map<std::string, std::string>& priorities,
                        json& playlist, std::set<std::string>& in_order, Problems& problems) {
    std::string ids;
    for (const auto& slide : slides) {
        auto id = slide["id"].get<std::string>();
        auto p = priorities.find(id);
        if (p != priorities.end() && p->second != "normal")
            continue;
        playlist.push_back(id);
        in_order.insert(id);
        ids += (ids.empty() ? "" : ", ") + id;
    }
    if (ids.empty())
        problems.error(kSettings, 0, "[playlist]",
                       "missing, and no normal slide to play: add [playlist] with order = slide, "
                       "slide, …");
    else
        problems.warn(kSettings, 0, "[playlist]",
                      "missing: the slides play in the order of settings.ini (" + ids +
                          "); add [playlist] with order = … to choose");
}

} // namespace

std::optional<Packed> pack_source(const fs::path& dir, const PackOptions& options,
                                  Problems& problems) {
    Reader r(dir, options, problems);
    auto settings = content::read_file(dir / kSettings, 1u << 20);
    if (!settings) {
        problems.error(kSettings, 0, "",
                       "missing: every source folder has a settings.ini (docs/authoring.md)");
        return std::nullopt;
    }
    auto settings_text = to_utf8(*settings, kSettings, problems);
    if (!settings_text)
        return std::nullopt;
    auto sections = parse_ini(*settings_text, kSettings, problems);

    json& m = r.manifest;
    m["schema_version"] = 1;
    json theme = json::object();
    json ticker = json::array();
    json slides = json::array();
    json playlist = json::array();
    json links = json::array();
    std::set<std::string> link_names;
    std::vector<std::pair<std::string, int>> qr_slides; // Link names and their lines.
    std::string timetable_file, results_file;
    int timetable_line = 0, results_line = 0;
    json results_meta = json::object();
    int results_meta_line = 0;
    std::map<std::string, int> slide_lines;
    std::vector<std::pair<std::string, int>> order; // Playlist ids and their lines.
    std::vector<std::pair<const IniSection*, std::string>> result_slides;
    std::vector<std::pair<std::string, content::Window>> windows; // Slide id → window, for checks.
    std::map<std::string, std::string> priorities;

    // [bundle] first: dates elsewhere are read at its offset.
    bool have_bundle = false;
    for (const auto& s : sections) {
        if (s.kind == "bundle") {
            r.bundle_section(s);
            have_bundle = true;
        }
    }
    if (!have_bundle)
        problems.error(kSettings, 0, "[bundle]",
                       "missing: add a [bundle] section with version and time_zone");
    if (r.options.screen)
        r.screen = *r.options.screen;
    r.packed.screen = r.screen;
    m["time_zone"] = {{"name", r.tz_name.empty() ? "Asia/Shanghai" : r.tz_name},
                      {"utc_offset", offset_text(r.offset)}};
    if (m.contains("created")) {
        auto t = content::parse_date_or_time(m["created"].get<std::string>(), r.offset,
                                             content::DateEdge::Start);
        if (!t) {
            problems.error(kSettings, 0, "created",
                           "\"" + m["created"].get<std::string>() +
                               "\" is not a time like 2020-11-07 18:00");
            m.erase("created");
        } else {
            m["created"] = format_iso(*t, r.offset);
        }
    }

    for (const auto& s : sections) {
        if (s.kind == "bundle") {
            continue;
        } else if (s.kind == "theme") {
            r.theme_section(s, theme);
        } else if (s.kind == "ticker") {
            for (const auto& e : s.entries) {
                if (e.key == "slogan" && !e.value.empty()) {
                    ticker.push_back(e.value);
                    r.packed.origins.add(e.value, kSettings, e.line, e.key);
                } else
                    problems.error(kSettings, e.line, e.key,
                                   "in [ticker] each line is \"slogan = …\"");
            }
        } else if (s.kind == "slogan") {
            content::Window w;
            json item = {{"text", ""}};
            for (const auto& e : s.entries) {
                if (e.key == "text")
                    item["text"] = e.value;
                else if (e.key != "from" && e.key != "until" && e.key != "weekdays" &&
                         e.key != "hours")
                    problems.error(
                        kSettings, e.line, e.key,
                        "unknown setting in [slogan] (text, from, until, weekdays, hours)");
            }
            item["window"] = r.read_window(s, w, kSettings);
            if (item["text"].get<std::string>().empty())
                problems.error(kSettings, s.line, "text",
                               "[slogan " + s.name + "] needs \"text = …\"");
            ticker.push_back(item);
        } else if (s.kind == "timetable" || s.kind == "results") {
            for (const auto& e : s.entries) {
                if (e.key == "file") {
                    (s.kind == "timetable" ? timetable_file : results_file) = e.value;
                    (s.kind == "timetable" ? timetable_line : results_line) = e.line;
                } else if (s.kind == "results" && e.key == "sample") {
                    if (!is_yes(e.value) && !is_no(e.value))
                        problems.error(kSettings, e.line, e.key,
                                       "\"" + e.value + "\" must be yes or no");
                    results_meta["sample"] = is_yes(e.value);
                } else if (s.kind == "results" && e.key == "updated") {
                    auto t =
                        content::parse_date_or_time(e.value, r.offset, content::DateEdge::Start);
                    if (!t)
                        problems.error(kSettings, e.line, e.key,
                                       "\"" + e.value + "\" is not a time like 2020-11-10 15:30");
                    else
                        results_meta["updated"] = format_iso(*t, r.offset);
                } else {
                    problems.error(
                        kSettings, e.line, e.key,
                        "unknown setting in [" + s.kind + "]" +
                            (s.kind == "results" ? " (file, sample, updated)" : " (file)"));
                }
            }
            results_meta_line = s.kind == "results" ? s.line : results_meta_line;
        } else if (s.kind == "link") {
            if (s.name.empty() || !link_names.insert(s.name).second) {
                problems.error(kSettings, s.line, "",
                               s.name.empty() ? "a link needs a name: [link live]"
                                              : "a second [link " + s.name + "]");
                continue;
            }
            json link = {{"id", s.name}};
            for (const auto& e : s.entries) {
                if (e.key == "title" || e.key == "caption") {
                    link[e.key] = e.value;
                    r.packed.origins.add(e.value, kSettings, e.line, e.key);
                } else if (e.key == "url") {
                    if (auto ok = content::check_link_url(e.value); !ok)
                        problems.error(kSettings, e.line, e.key, ok.error().message);
                    link["url"] = e.value;
                } else if (e.key == "sample") {
                    if (!is_yes(e.value) && !is_no(e.value))
                        problems.error(kSettings, e.line, e.key,
                                       "\"" + e.value + "\" must be yes or no");
                    link["sample"] = is_yes(e.value);
                } else {
                    problems.error(kSettings, e.line, e.key,
                                   "unknown setting in [link] (title, url, caption, sample)");
                }
            }
            for (const char* need : {"title", "url"})
                if (!link.contains(need) || link[need].get<std::string>().empty())
                    problems.error(kSettings, s.line, need,
                                   "[link " + s.name + "] needs \"" + need + " = …\"");
            links.push_back(link);
        } else if (s.kind == "playlist") {
            for (const auto& e : s.entries) {
                if (e.key != "order") {
                    problems.error(kSettings, e.line, e.key,
                                   "in [playlist] each line is \"order = slide, slide, …\"");
                    continue;
                }
                for (const auto& id : split_list(e.value))
                    order.emplace_back(id, e.line);
            }
        } else if (s.kind == "slide") {
            if (s.name.empty()) {
                problems.error(kSettings, s.line, "", "a slide needs a name: [slide launch]");
                continue;
            }
            if (slide_lines.contains(s.name)) {
                problems.error(kSettings, s.line, "",
                               "a second [slide " + s.name + "] (the first is on line " +
                                   std::to_string(slide_lines[s.name]) + ")");
                continue;
            }
            slide_lines[s.name] = s.line;
            json slide = {{"id", s.name}};
            std::string kind;
            content::Window w;
            json window = r.read_window(s, w, kSettings);
            if (!window.empty())
                slide["window"] = window;
            windows.emplace_back(s.name, w);
            std::optional<NoticeSource> note;
            std::string title_override;
            for (const auto& e : s.entries) {
                auto set_kind = [&](const char* k) {
                    if (!kind.empty())
                        problems.error(
                            kSettings, e.line, e.key,
                            "a slide is one of poster, notice, schedule, results or qr, not two");
                    kind = k;
                };
                if (e.key == "poster") {
                    set_kind("image");
                    auto bytes = r.read_named(e.value, e.line, e.key);
                    if (!bytes)
                        continue;
                    auto info = read_image_info(*bytes);
                    if (!info) {
                        problems.error(kSettings, e.line, e.key,
                                       "\"" + e.value + "\" is not a JPEG, PNG, WebP or SVG image");
                        continue;
                    }
                    if (auto why = player_refusal(*info, *bytes)) {
                        problems.error(kSettings, e.line, e.key, "\"" + e.value + "\" is " + *why);
                        continue;
                    }
                    // Every byte decoded as a display does it, not only the header.
                    auto pic = check_picture(e.value, *bytes, r.screen, Fit::Contain,
                                             r.options.svg_program, Color{});
                    if (!pic) {
                        problems.error(kSettings, e.line, e.key,
                                       "\"" + e.value + "\" " + pic.error().message +
                                           ": the displays would skip this slide");
                        continue;
                    }
                    auto ext = fs::path(e.value).extension().string();
                    std::transform(ext.begin(), ext.end(), ext.begin(), [](char c) {
                        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                    });
                    std::map<std::string, std::string> by_ext = {{".jpg", "image/jpeg"},
                                                                 {".jpeg", "image/jpeg"},
                                                                 {".png", "image/png"},
                                                                 {".webp", "image/webp"},
                                                                 {".svg", "image/svg+xml"}};
                    if (by_ext.contains(ext) && by_ext[ext] != info->mime)
                        problems.warn(kSettings, e.line, e.key,
                                      "\"" + e.value + "\" is really " + info->mime +
                                          " whatever its name says");
                    const Size upright = pic->upright; // As shown, after its EXIF orientation.
                    if (upright.w > 0 && info->mime != "image/svg+xml" &&
                        (upright.w < r.screen.w * 2 / 3 && upright.h < r.screen.h * 2 / 3))
                        problems.warn(kSettings, e.line, e.key,
                                      "\"" + e.value + "\" is " + std::to_string(upright.w) + "x" +
                                          std::to_string(upright.h) + ", much smaller than the " +
                                          std::to_string(r.screen.w) + "x" +
                                          std::to_string(r.screen.h) +
                                          " screen: it will look blurred");
                    slide["asset"] = e.value;
                    r.packed.copies[e.value] = dir / e.value;
                } else if (e.key == "notice") {
                    set_kind("text");
                    note = r.notice(e.value, e.line);
                } else if (e.key == "title") {
                    title_override = e.value;
                    r.packed.origins.add(e.value, kSettings, e.line, e.key);
                } else if (e.key == "schedule") {
                    set_kind("schedule");
                    slide["data"] = "data/timetable.json";
                } else if (e.key == "results") {
                    set_kind("results");
                    slide["data"] = "data/results.json";
                    slide["event"] = e.value;
                    result_slides.emplace_back(&s, e.value);
                } else if (e.key == "qr") {
                    set_kind("qr");
                    slide["link"] = e.value;
                    qr_slides.emplace_back(e.value, e.line);
                } else if (e.key == "fit") {
                    if (e.value != "fit" && e.value != "cover")
                        problems.error(
                            kSettings, e.line, e.key,
                            "\"" + e.value +
                                "\" must be fit (whole poster) or cover (fill the screen)");
                    slide["fit"] = e.value;
                } else if (e.key == "duration") {
                    std::string v = e.value;
                    if (!v.empty() && v.back() == 's')
                        v.pop_back();
                    auto d = to_number(v);
                    if (!d || *d < 1 || *d > 3600)
                        problems.error(kSettings, e.line, e.key,
                                       "\"" + e.value + "\" must be seconds, from 1 to 3600");
                    else
                        slide["duration_s"] = *d;
                } else if (e.key == "transition") {
                    if (e.value != "fade" && e.value != "slide" && e.value != "cut")
                        problems.error(kSettings, e.line, e.key,
                                       "\"" + e.value + "\" must be fade, slide or cut");
                    slide["transition"] = e.value;
                } else if (e.key == "priority") {
                    if (e.value != "normal" && e.value != "notice" && e.value != "emergency")
                        problems.error(kSettings, e.line, e.key,
                                       "\"" + e.value + "\" must be normal, notice or emergency");
                    slide["priority"] = e.value;
                    priorities[s.name] = e.value;
                } else if (e.key == "tags") {
                    slide["tags"] = split_list(e.value);
                } else if (e.key != "from" && e.key != "until" && e.key != "weekdays" &&
                           e.key != "hours") {
                    problems.error(
                        kSettings, e.line, e.key,
                        "unknown setting in a slide (poster, notice, schedule, results, qr, "
                        "title, fit, duration, "
                        "transition, priority, tags, from, until, weekdays, hours)");
                }
            }
            if (kind.empty()) {
                problems.error(kSettings, s.line, "",
                               "[slide " + s.name +
                                   "] needs one of poster = FILE, notice = FILE, schedule = yes, "
                                   "results = EVENT, qr = LINK");
                continue;
            }
            slide["kind"] = kind;
            if (kind == "text") {
                if (!note)
                    continue;
                slide["title"] = title_override.empty() ? note->title : title_override;
                slide["body"] = note->body;
                slide["markdown"] = true;
                if (title_override.empty())
                    r.packed.origins.add(note->title, note->file, note->title_line, "");
                r.packed.origins.notice_bodies[s.name] = {note->body, note->file, note->body_line,
                                                          ""};
            }
            // Window checks: never opens, already over.
            TimePoint horizon_from = w.from    ? *w.from
                                     : w.until ? *w.until - days{366}
                                               : r.options.now - days{366};
            TimePoint horizon_to = w.until.value_or(horizon_from + days{366 * 2});
            if (!w.always() && !content::opens_between(w, horizon_from, horizon_to, r.offset))
                problems.warn(kSettings, s.line, "window",
                              "the window of [slide " + s.name +
                                  "] never opens: check from, until, weekdays and hours together");
            else if (w.until && *w.until <= r.options.now)
                problems.warn(kSettings, s.line, "until",
                              "[slide " + s.name + "] has already expired (" +
                                  format_iso(*w.until, r.offset) + ")");
            slides.push_back(slide);
        } else {
            problems.error(
                kSettings, s.line, "",
                "unknown section [" + s.kind + (s.name.empty() ? "" : " " + s.name) +
                    "] (bundle, theme, ticker, slogan, timetable, results, slide, link, playlist)");
        }
    }

    if (!theme.contains("header"))
        problems.error(kSettings, 0, "header",
                       "[theme] needs \"header = …\", the line shown on every slide");
    theme["ticker"] = ticker;
    m["theme"] = theme;
    for (const auto& [name, line] : qr_slides)
        if (!link_names.contains(name))
            problems.error(kSettings, line, "qr", "there is no [link " + name + "]");
    if (!links.empty())
        m["links"] = links;

    bool wants_schedule = std::any_of(slides.begin(), slides.end(),
                                      [](const json& s) { return s["kind"] == "schedule"; });
    bool wants_results = !result_slides.empty();
    if (wants_schedule) {
        if (timetable_file.empty()) {
            problems.error(kSettings, 0, "[timetable]",
                           "a schedule slide needs [timetable] file = timetable.csv");
        } else {
            json events = json::array();
            r.timetable(timetable_file, timetable_line, events);
            r.packed.generated["data/timetable.json"] = json{{"events", events}}.dump(2) + "\n";
        }
    }
    if (wants_results) {
        if (results_file.empty()) {
            problems.error(kSettings, results_meta_line, "[results]",
                           "a results slide needs [results] file = results.csv");
        } else {
            json events = json::array();
            auto names = r.results(results_file, results_line, events);
            for (const auto& [section, event] : result_slides)
                if (!names.contains(event) && !problems.has_errors())
                    problems.error(kSettings, section->line, "results",
                                   "the event \"" + event + "\" is not in " + results_file);
            json doc = results_meta;
            doc["events"] = events;
            r.packed.generated["data/results.json"] = doc.dump(2) + "\n";
        }
    }

    // The playlist: known slides only; every normal slide somewhere in it.
    std::set<std::string> in_order;
    for (const auto& [id, line] : order) {
        if (!slide_lines.contains(id)) {
            problems.error(kSettings, line, "order", "there is no [slide " + id + "]");
            continue;
        }
        if (priorities.contains(id) && priorities[id] != "normal")
            problems.warn(kSettings, line, "order",
                          "\"" + id + "\" is a " + priorities[id] +
                              " slide: it is shown by its priority, not in the playlist");
        playlist.push_back(id);
        in_order.insert(id);
    }
    if (order.empty())
        play_in_file_order(slides, priorities, playlist, in_order, problems);
    for (const auto& [id, line] : slide_lines) {
        bool normal = !priorities.contains(id) || priorities[id] == "normal";
        if (normal && !in_order.contains(id))
            problems.warn(kSettings, line, "",
                          "[slide " + id + "] is never shown: add it to [playlist] order");
    }
    // Posters in the folder that no slide uses.
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
        if (!e.is_regular_file())
            continue;
        auto rel = fs::relative(e.path(), dir, ec).generic_string();
        auto ext = e.path().extension().string();
        bool image =
            ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".webp" || ext == ".svg";
        if (image && !r.used_files.contains(rel))
            problems.warn(rel, 0, "", "no slide uses this image");
    }

    m["slides"] = slides;
    m["playlist"] = playlist;
    if (problems.has_errors())
        return std::nullopt;
    r.packed.manifest_json = m.dump();
    r.packed.origins.slide_lines = slide_lines;
    return r.packed;
}

Result<void> write_bundle(const Packed& packed, const fs::path& out) {
    json m = json::parse(packed.manifest_json);
    fs::path tmp = out.string() + ".new";
    std::error_code ec;
    fs::remove_all(tmp, ec);
    fs::create_directories(tmp, ec);
    if (ec)
        return fail(tmp.string() + ": cannot be made (" + ec.message() + ")");
    json assets = json::object();
    auto add = [&](const std::string& name, const std::string& bytes) -> Result<void> {
        fs::path dest = tmp / name;
        fs::create_directories(dest.parent_path(), ec);
        std::ofstream f(dest, std::ios::binary);
        f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!f)
            return fail(dest.string() + ": cannot be written");
        std::string type = "application/json";
        if (auto info = read_image_info(bytes))
            type = info->mime;
        assets[name] = {
            {"sha256", content::sha256_hex(bytes)}, {"size", bytes.size()}, {"type", type}};
        return {};
    };
    for (const auto& [name, src] : packed.copies) {
        auto bytes = content::read_file(src, kFileLimit);
        if (!bytes)
            return std::unexpected(bytes.error());
        if (auto r = add(name, *bytes); !r)
            return r;
    }
    for (const auto& [name, text] : packed.generated)
        if (auto r = add(name, text); !r)
            return r;
    m["assets"] = assets;
    {
        std::ofstream f(tmp / "manifest.json", std::ios::binary);
        f << m.dump(2) << "\n";
        if (!f)
            return fail((tmp / "manifest.json").string() + ": cannot be written");
    }
    // Swap the new bundle in; the old one goes only after the new one is complete.
    fs::path old = out.string() + ".old";
    fs::remove_all(old, ec);
    if (fs::exists(out))
        fs::rename(out, old, ec);
    if (ec)
        return fail(out.string() + ": cannot be replaced (" + ec.message() + ")");
    fs::rename(tmp, out, ec);
    if (ec)
        return fail(out.string() + ": cannot be written (" + ec.message() + ")");
    fs::remove_all(old, ec);
    return {};
}

} // namespace kiosk::pack

// Results parsing and ranking.
#include "kiosk/content/results.hpp"

#include "kiosk/content/json_util.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace kiosk::content {

const EventResults* Results::find(const std::string& event) const {
    for (const auto& e : events)
        if (e.event == event)
            return &e;
    return nullptr;
}

Result<Results> parse_results(std::string_view text, const std::string& file) {
    auto parsed = detail::parse_json(text, file);
    if (!parsed)
        return std::unexpected(parsed.error());
    const auto& j = *parsed;
    if (!j.is_object())
        return fail(file + ": must be a JSON object");
    Results r;
    if (auto s = j.find("sample"); s != j.end()) {
        if (!s->is_boolean())
            return fail(file + ": field \"sample\" must be true or false");
        r.sample = s->get<bool>();
    }
    if (auto seq = j.find("sequence"); seq != j.end()) {
        if (!seq->is_number_integer() || seq->get<std::int64_t>() < 1)
            return fail(file + ": field \"sequence\" must be a whole number, 1 or more");
        r.sequence = seq->get<std::int64_t>();
    }
    if (j.contains("updated")) {
        auto u = detail::get_datetime(j, "updated", file);
        if (!u)
            return std::unexpected(u.error());
        r.updated = *u;
    }
    auto events = j.find("events");
    if (events == j.end() || !events->is_array())
        return fail(file + ": field \"events\" must be a list");
    for (std::size_t i = 0; i < events->size(); ++i) {
        const auto& e = (*events)[i];
        const std::string where = file + ": events[" + std::to_string(i) + "]";
        if (!e.is_object())
            return fail(where + " must be an object");
        EventResults er;
        auto name = detail::get_string(e, "event", where);
        if (!name)
            return std::unexpected(name.error());
        er.event = *name;
        if (auto f = e.find("final"); f != e.end() && f->is_boolean())
            er.final = f->get<bool>();
        auto entries = e.find("entries");
        if (entries == e.end() || !entries->is_array())
            return fail(where + ": field \"entries\" must be a list");
        for (std::size_t k = 0; k < entries->size(); ++k) {
            const auto& x = (*entries)[k];
            const std::string at = where + ".entries[" + std::to_string(k) + "]";
            if (!x.is_object())
                return fail(at + " must be an object");
            ResultEntry re;
            auto team = detail::get_string(x, "team", at);
            if (!team)
                return std::unexpected(team.error());
            // A score, or none (absent or null) for a contestant listed without one.
            if (auto sc = x.find("score"); sc != x.end() && !sc->is_null()) {
                auto score = detail::get_number(x, "score", at);
                if (!score)
                    return std::unexpected(score.error());
                if (!std::isfinite(*score))
                    return fail(at + ": field \"score\" must be a finite number");
                re.score = *score;
            }
            std::string err;
            re.contestant = detail::opt_string(x, "contestant", at, err).value_or("");
            re.award = detail::opt_string(x, "award", at, err).value_or("");
            re.score_text = detail::opt_string(x, "score_text", at, err).value_or("");
            if (!err.empty())
                return fail(err);
            re.team = *team;
            er.entries.push_back(std::move(re));
        }
        r.events.push_back(std::move(er));
    }
    return r;
}

namespace {

// A score as the sheet holds it: to 15 significant digits (see rank()).
std::optional<double> exact(const std::optional<double>& score) {
    if (!score)
        return std::nullopt;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", *score);
    return std::strtod(buf, nullptr);
}

} // namespace

std::string score_text(const ResultEntry& e) {
    if (!e.score_text.empty())
        return e.score_text;
    if (!e.score)
        return "—";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", *e.score);
    std::string out = buf;
    if (out.find_first_of(".e") == std::string::npos)
        out += ".0";
    return out;
}

std::string entry_key(const std::string& event, const ResultEntry& e) {
    return event + "\x1F" + e.team + "\x1F" + e.contestant;
}

std::vector<std::string> changed_entries(const Results& before, const Results& now) {
    std::vector<std::string> out;
    for (const auto& ev : now.events) {
        const EventResults* old = before.find(ev.event);
        for (const auto& e : ev.entries) {
            bool same = false;
            if (old != nullptr)
                for (const auto& o : old->entries)
                    if (o.team == e.team && o.contestant == e.contestant)
                        same = exact(o.score) == exact(e.score) && score_text(o) == score_text(e) &&
                               o.award == e.award;
            if (!same)
                out.push_back(entry_key(ev.event, e));
        }
    }
    return out;
}

std::vector<RankedEntry> rank(const std::vector<ResultEntry>& entries) {
    struct Keyed {
        std::optional<double> key; // exact(score): no score sorts after any score.
        RankedEntry ranked;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(entries.size());
    for (const auto& e : entries)
        keyed.push_back({exact(e.score), {0, false, &e}});
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const Keyed& a, const Keyed& b) { return a.key > b.key; });
    std::vector<RankedEntry> out;
    out.reserve(keyed.size());
    for (std::size_t i = 0; i < keyed.size(); ++i) {
        out.push_back(keyed[i].ranked);
        if (!keyed[i].key)
            continue; // Unranked.
        if (i > 0 && keyed[i].key == keyed[i - 1].key) {
            out[i].rank = out[i - 1].rank;
            out[i].tied = true;
            out[i - 1].tied = true;
        } else {
            out[i].rank = static_cast<int>(i) + 1;
        }
    }
    return out;
}

} // namespace kiosk::content

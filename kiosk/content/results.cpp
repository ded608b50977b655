// Results parsing and ranking.
#include "kiosk/content/results.hpp"

#include "kiosk/content/json_util.hpp"

#include <algorithm>
#include <cmath>

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
            auto score = detail::get_number(x, "score", at);
            if (!score)
                return std::unexpected(score.error());
            if (!std::isfinite(*score))
                return fail(at + ": field \"score\" must be a finite number");
            std::string err;
            re.contestant = detail::opt_string(x, "contestant", at, err).value_or("");
            re.award = detail::opt_string(x, "award", at, err).value_or("");
            if (!err.empty())
                return fail(err);
            re.team = *team;
            re.score = *score;
            er.entries.push_back(std::move(re));
        }
        r.events.push_back(std::move(er));
    }
    return r;
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
                        same = std::fabs(o.score - e.score) < 0.0005 && o.award == e.award;
            if (!same)
                out.push_back(entry_key(ev.event, e));
        }
    }
    return out;
}

std::vector<RankedEntry> rank(const std::vector<ResultEntry>& entries) {
    std::vector<RankedEntry> out;
    out.reserve(entries.size());
    for (const auto& e : entries)
        out.push_back({0, false, &e});
    std::stable_sort(out.begin(), out.end(), [](const RankedEntry& a, const RankedEntry& b) {
        return a.entry->score > b.entry->score;
    });
    auto same = [](double a, double b) { return std::fabs(a - b) < 0.0005; };
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i > 0 && same(out[i].entry->score, out[i - 1].entry->score)) {
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

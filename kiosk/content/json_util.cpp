// Typed JSON field access with messages an operator can act on.
#include "kiosk/content/json_util.hpp"

#include <cstdint>
#include <set>
#include <vector>

namespace kiosk::content::detail {
namespace {

std::string field(const std::string& where, const char* key) {
    return where + ": field \"" + key + "\"";
}

} // namespace

Result<Json> parse_json(std::string_view text, const std::string& file, bool allow_comments) {
    // Size and nesting are checked before nlohmann/json sees the text: its parser recurses.
    if (text.size() > kMaxJsonBytes)
        return fail(file + ": " + std::to_string(text.size()) +
                    " bytes of JSON is more than the limit of " + std::to_string(kMaxJsonBytes));
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (allow_comments && c == '/' && i + 1 < text.size() &&
                   (text[i + 1] == '/' || text[i + 1] == '*')) {
            // A comment's brackets and quotes do not count.
            auto end = text[i + 1] == '/' ? text.find('\n', i) : text.find("*/", i + 2);
            i = end == std::string_view::npos ? text.size() : end;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return fail(file + ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                            " levels");
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    // Two values for one key would be read differently by different programs (nlohmann/json takes
    // the last): a signed manifest must mean one thing, so a repeated key is refused.
    std::vector<std::set<std::string>> open_objects;
    std::string repeated;
    auto watch = [&](int, Json::parse_event_t event, Json& parsed) {
        if (event == Json::parse_event_t::object_start)
            open_objects.emplace_back();
        else if (event == Json::parse_event_t::object_end && !open_objects.empty())
            open_objects.pop_back();
        else if (event == Json::parse_event_t::key && !open_objects.empty() && repeated.empty() &&
                 !open_objects.back().insert(parsed.get<std::string>()).second)
            repeated = parsed.get<std::string>();
        return true;
    };
    try {
        auto json = Json::parse(text, watch, true, allow_comments);
        if (!repeated.empty())
            return fail(file + ": the key \"" + repeated + "\" appears twice in one object");
        return json;
    } catch (const Json::parse_error& e) {
        return fail(file + ": not valid JSON at byte " + std::to_string(e.byte));
    } catch (const Json::exception& e) {
        // Numbers too large for a double (1e400) and the like.
        return fail(file + ": JSON that cannot be read (" + std::string(e.what()) + ")");
    }
}

Result<std::string> get_string(const Json& obj, const char* key, const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end())
        return fail(field(where, key) + " is missing");
    if (!it->is_string())
        return fail(field(where, key) + " must be a string");
    return it->get<std::string>();
}

std::optional<std::string> opt_string(const Json& obj, const char* key, const std::string& where,
                                      std::string& error) {
    auto it = obj.find(key);
    if (it == obj.end())
        return std::nullopt;
    if (!it->is_string()) {
        error = field(where, key) + " must be a string";
        return std::nullopt;
    }
    return it->get<std::string>();
}

Result<std::int64_t> get_int(const Json& obj, const char* key, const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end())
        return fail(field(where, key) + " is missing");
    if (!it->is_number_integer())
        return fail(field(where, key) + " must be a whole number");
    // 2^63 and above read as int64 would wrap to a negative number.
    if (it->is_number_unsigned() &&
        it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        return fail(field(where, key) + " is too large");
    return it->get<std::int64_t>();
}

Result<double> get_number(const Json& obj, const char* key, const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end())
        return fail(field(where, key) + " is missing");
    if (!it->is_number())
        return fail(field(where, key) + " must be a number");
    return it->get<double>();
}

Result<TimePoint> get_datetime(const Json& obj, const char* key, const std::string& where) {
    auto s = get_string(obj, key, where);
    if (!s)
        return std::unexpected(s.error());
    auto t = parse_datetime(*s);
    if (!t)
        return fail(field(where, key) + ": \"" + *s +
                    "\" is not a date-time like 2020-11-08T09:30:00+08:00");
    return *t;
}

} // namespace kiosk::content::detail

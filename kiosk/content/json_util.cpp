// Typed JSON field access with messages an operator can act on.
#include "kiosk/content/json_util.hpp"

namespace kiosk::content::detail {
namespace {

std::string field(const std::string& where, const char* key) {
    return where + ": field \"" + key + "\"";
}

} // namespace

Result<Json> parse_json(std::string_view text, const std::string& file) {
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
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return fail(file + ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                            " levels");
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    try {
        return Json::parse(text);
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

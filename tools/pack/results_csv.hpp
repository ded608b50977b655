// The results spreadsheet (CSV) → the events of a results document. Used by kiosk-pack build
// (a bundle's results) and kiosk-pack results (the live feed). Internal to the pack library.
#pragma once

#include "problems.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace kiosk::pack {

// Appends one object per event to `events` and its name to `names`; every bad row is a problem
// with its line. Returns false when there is any error.
bool parse_results_csv(const std::string& bytes, const std::string& file, Problems& problems,
                       nlohmann::json& events, std::set<std::string>& names);

} // namespace kiosk::pack

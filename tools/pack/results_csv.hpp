// The results spreadsheet (CSV or .xlsx, sheet.hpp) → the events of a results document. Used by
// kiosk-pack build (a bundle's results) and kiosk-pack results (the live feed). Internal to the
// pack library.
#pragma once

#include "origins.hpp"
#include "problems.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace kiosk::pack {

// Appends one object per event to `events` and its name to `names`; every bad row is a problem
// with its line. Each entry keeps its score as entered (score_text); a blank score, 缺考 or 弃权
// gives an entry without a score. Returns false when there is any error.
// `origins`, when given, learns where each shown text was written.
bool parse_results_csv(const std::string& bytes, const std::string& file, Problems& problems,
                       nlohmann::json& events, std::set<std::string>& names,
                       TextOrigins* origins = nullptr);

} // namespace kiosk::pack

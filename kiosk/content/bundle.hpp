// A bundle loaded from a folder: the manifest, verified assets and the parsed data files.
#pragma once

#include "kiosk/content/manifest.hpp"
#include "kiosk/content/results.hpp"
#include "kiosk/content/timetable.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace kiosk::content {

struct Bundle {
    std::filesystem::path root;
    Manifest manifest;
    std::map<std::string, Timetable> timetables; // By logical asset name.
    std::map<std::string, Results> results;
    std::vector<std::string> problems; // Everything refused, one line each, naming file and field.
    bool content_addressed{false}; // Assets are `root/<sha256>` (a display's store), not by name.
    // SHA-256s of assets missing, of the wrong size or damaged (a store fetches them again).
    std::set<std::string> damaged;

    const Slide* slide(const std::string& id) const;
    // Where a verified asset is on disk.
    std::filesystem::path asset_path(const std::string& logical_name) const;
};

// Loads `dir/manifest.json`, checks every asset's size and SHA-256 and parses the data files.
// Fails only when there is no usable manifest; a bad asset drops the slides that use it (and is
// listed in `problems`), so the rest plays.
Result<std::shared_ptr<const Bundle>> load_bundle(const std::filesystem::path& dir);

// The same for a manifest whose assets are in a content-addressed store: `objects/<sha256>`.
Result<std::shared_ptr<const Bundle>> load_bundle_from_store(const std::filesystem::path& objects,
                                                             std::string_view manifest_text);

// Reads a whole file, refusing one larger than `limit` bytes.
Result<std::string> read_file(const std::filesystem::path& path, std::uintmax_t limit);

} // namespace kiosk::content

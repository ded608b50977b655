// Loading a bundle folder: nothing unverified reaches the player.
#include "kiosk/content/bundle.hpp"

#include "kiosk/content/sha256.hpp"

#include <fstream>
#include <set>

namespace kiosk::content {
namespace {

constexpr std::uintmax_t kManifestLimit = 4u << 20; // 4 MiB of JSON is far more than any week.
constexpr std::uintmax_t kAssetLimit = 256u << 20;  // One poster or data file.

} // namespace

const Slide* Bundle::slide(const std::string& id) const {
    for (const auto& s : manifest.slides)
        if (s.id == id)
            return &s;
    return nullptr;
}

std::filesystem::path Bundle::asset_path(const std::string& logical_name) const {
    if (content_addressed) {
        auto it = manifest.assets.find(logical_name);
        return root / (it != manifest.assets.end() ? it->second.sha256 : std::string("missing"));
    }
    return root / std::filesystem::path(logical_name);
}

Result<std::string> read_file(const std::filesystem::path& path, std::uintmax_t limit) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec)
        return fail(path.string() + ": cannot be read (" + ec.message() + ")");
    if (size > limit)
        return fail(path.string() + ": is " + std::to_string(size) +
                    " bytes, more than the limit of " + std::to_string(limit));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(path.string() + ": cannot be opened");
    std::string data(static_cast<std::size_t>(size), '\0');
    in.read(data.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size)
        return fail(path.string() + ": was cut short while reading");
    return data;
}

namespace {

Result<std::shared_ptr<const Bundle>> build(const std::filesystem::path& dir, std::string_view text,
                                            bool content_addressed);

} // namespace

Result<std::shared_ptr<const Bundle>> load_bundle(const std::filesystem::path& dir) {
    auto text = read_file(dir / "manifest.json", kManifestLimit);
    if (!text)
        return std::unexpected(text.error());
    return build(dir, *text, false);
}

Result<std::shared_ptr<const Bundle>> load_bundle_from_store(const std::filesystem::path& objects,
                                                             std::string_view manifest_text) {
    return build(objects, manifest_text, true);
}

namespace {

Result<std::shared_ptr<const Bundle>> build(const std::filesystem::path& dir, std::string_view text,
                                            bool content_addressed) {
    auto bundle = std::make_shared<Bundle>();
    bundle->root = dir;
    bundle->content_addressed = content_addressed;
    std::vector<Warning> warnings;
    auto manifest = parse_manifest(text, warnings);
    if (!manifest)
        return fail(content_addressed ? manifest.error().message
                                      : dir.string() + "/" + manifest.error().message);
    bundle->manifest = std::move(*manifest);
    for (auto& w : warnings)
        bundle->problems.push_back(std::move(w.what));

    // Verify every asset; remember the bad ones.
    std::set<std::string> bad;
    std::map<std::string, std::string> data_text;
    for (const auto& [name, info] : bundle->manifest.assets) {
        auto path = bundle->asset_path(name);
        std::error_code ec;
        auto size = std::filesystem::file_size(path, ec);
        if (ec) {
            bundle->problems.push_back("asset " + name + ": " + path.string() +
                                       ": cannot be read (" + ec.message() + ")");
            bad.insert(name);
            bundle->damaged.insert(info.sha256);
            continue;
        }
        if (size != info.size) {
            bundle->problems.push_back("asset " + name + ": size is " + std::to_string(size) +
                                       " bytes, the manifest says " + std::to_string(info.size));
            bad.insert(name);
            bundle->damaged.insert(info.sha256);
            continue;
        }
        // Images are hashed in pieces from the file; data files are read whole to be parsed.
        if (info.type == "application/json") {
            auto bytes = read_file(path, kAssetLimit);
            if (!bytes || sha256_hex(*bytes) != info.sha256) {
                bundle->problems.push_back(
                    "asset " + name + ": " +
                    (bytes ? "SHA-256 does not match the manifest" : bytes.error().message));
                bad.insert(name);
                bundle->damaged.insert(info.sha256);
                continue;
            }
            data_text.emplace(name, std::move(*bytes));
        } else if (sha256_file(path) != info.sha256) {
            bundle->problems.push_back("asset " + name + ": SHA-256 does not match the manifest");
            bad.insert(name);
            bundle->damaged.insert(info.sha256);
        }
    }

    // Parse the data files that slides use.
    for (const auto& slide : bundle->manifest.slides) {
        if (slide.data.empty() || bad.contains(slide.data))
            continue;
        auto it = data_text.find(slide.data);
        if (it == data_text.end())
            continue;
        if (slide.kind == SlideKind::Schedule && !bundle->timetables.contains(slide.data)) {
            auto t = parse_timetable(it->second, slide.data);
            if (t)
                bundle->timetables.emplace(slide.data, std::move(*t));
            else {
                bundle->problems.push_back(t.error().message);
                bad.insert(slide.data);
            }
        } else if (slide.kind == SlideKind::Results && !bundle->results.contains(slide.data)) {
            auto r = parse_results(it->second, slide.data);
            if (r)
                bundle->results.emplace(slide.data, std::move(*r));
            else {
                bundle->problems.push_back(r.error().message);
                bad.insert(slide.data);
            }
        }
    }

    // Drop slides whose asset or data is bad, and their playlist entries.
    auto& m = bundle->manifest;
    std::set<std::string> dropped;
    std::erase_if(m.slides, [&](const Slide& s) {
        const std::string& used = s.kind == SlideKind::Image ? s.asset : s.data;
        bool drop = !used.empty() && bad.contains(used);
        if (!drop && s.kind == SlideKind::Results) {
            auto r = bundle->results.find(s.data);
            if (r != bundle->results.end() && r->second.find(s.event) == nullptr) {
                bundle->problems.push_back("slide " + s.id + ": event \"" + s.event +
                                           "\" is not in " + s.data);
                drop = true;
            }
        }
        if (drop) {
            bundle->problems.push_back("slide " + s.id + ": skipped because " + used +
                                       " is unusable");
            dropped.insert(s.id);
        }
        return drop;
    });
    std::erase_if(m.playlist, [&](const std::string& id) { return dropped.contains(id); });
    if (!m.theme.logo.empty() && bad.contains(m.theme.logo))
        m.theme.logo.clear();
    return std::shared_ptr<const Bundle>(std::move(bundle));
}

} // namespace

} // namespace kiosk::content

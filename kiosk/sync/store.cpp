// Store operations with fsync and rename.
#include "kiosk/sync/store.hpp"

#include "kiosk/content/bundle.hpp"
#include "kiosk/content/sha256.hpp"
#include "kiosk/core/log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <sstream>
#include <vector>

namespace kiosk::sync {
namespace fs = std::filesystem;
namespace {

bool sync_path(const fs::path& p, bool directory) {
    int fd = ::open(p.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0)
        return false;
    bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

bool is_sha(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

} // namespace

Result<void> write_file_durably(const fs::path& path, std::string_view bytes) {
    fs::path tmp = path;
    tmp += ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return fail(tmp.string() + ": cannot be written");
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) {
            ::close(fd);
            ::unlink(tmp.c_str());
            return fail(tmp.string() + ": write failed (disk full?)");
        }
        done += static_cast<std::size_t>(n);
    }
    bool ok = ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        return fail(path.string() + ": cannot be put in place");
    }
    sync_path(path.parent_path(), true);
    return {};
}

Store::Store(fs::path dir, std::uint64_t cap_bytes) : m_dir(std::move(dir)), m_cap(cap_bytes) {}

Result<void> Store::open() {
    std::error_code ec;
    for (const char* sub : {"objects", "partial", "manifests"}) {
        fs::create_directories(m_dir / sub, ec);
        if (ec)
            return fail((m_dir / sub).string() + ": cannot be made (" + ec.message() + ")");
    }
    // Leftovers of writes a power cut interrupted: temporary files never reached their names.
    for (const auto& sub : {m_dir, m_dir / "objects", m_dir / "manifests"})
        for (const auto& e : fs::directory_iterator(sub, ec))
            if (e.path().extension() == ".tmp")
                fs::remove(e.path(), ec);
    return {};
}

bool Store::has_object(const std::string& sha) const {
    std::error_code ec;
    return is_sha(sha) && fs::is_regular_file(objects_dir() / sha, ec);
}

Store::Check Store::check_object(const std::string& sha, std::uint64_t size) {
    if (!is_sha(sha))
        return Check::Missing;
    fs::path path = objects_dir() / sha;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return Check::Missing;
    {
        std::lock_guard lock(m_mutex);
        if (m_verified.contains(sha))
            return Check::Good;
    }
    auto actual = fs::file_size(path, ec);
    if (ec || actual != size) {
        discard_object(sha, ec ? "cannot be read"
                               : "its size is " + std::to_string(actual) + " bytes, not " +
                                     std::to_string(size));
        return Check::Damaged;
    }
    if (content::sha256_file(path) != sha) {
        discard_object(sha, "its SHA-256 does not match (damaged on disk)");
        return Check::Damaged;
    }
    mark_verified(sha);
    return Check::Good;
}

void Store::discard_object(const std::string& sha, const std::string& why) {
    if (!is_sha(sha))
        return;
    std::error_code ec;
    fs::remove(objects_dir() / sha, ec);
    {
        std::lock_guard lock(m_mutex);
        m_verified.erase(sha);
    }
    log::warn("store", "object " + sha + ": " + why + "; removed, to be fetched again");
}

void Store::mark_verified(const std::string& sha) {
    std::lock_guard lock(m_mutex);
    m_verified.insert(sha);
}

fs::path Store::partial_path(const std::string& sha) const {
    return m_dir / "partial" / sha;
}

Result<void> Store::commit_object(const std::string& sha, std::uint64_t size) {
    if (!is_sha(sha))
        return fail("object name \"" + sha + "\" is not a SHA-256");
    fs::path part = partial_path(sha);
    std::error_code ec;
    if (size == 0 && !fs::exists(part, ec)) {
        // Nothing to download for an empty object: its file is made here.
        if (std::FILE* f = std::fopen(part.c_str(), "wb"))
            std::fclose(f);
    }
    auto actual = fs::file_size(part, ec);
    // Hashed in pieces: an object may be far larger than memory should hold.
    std::string hash = ec ? std::string() : content::sha256_file(part);
    if (ec || actual != size || hash != sha) {
        fs::remove(part, ec);
        return fail("object " + sha + ": " + (actual != size ? "size" : "SHA-256") +
                    " does not match the manifest");
    }
    if (!sync_path(part, false))
        return fail("object " + sha + ": cannot be synced to disk");
    fs::rename(part, objects_dir() / sha, ec);
    if (ec)
        return fail("object " + sha + ": cannot be moved into the store (" + ec.message() + ")");
    sync_path(objects_dir(), true);
    mark_verified(sha);
    return {};
}

Result<void> Store::write_durably(const fs::path& path, std::string_view bytes) {
    return write_file_durably(path, bytes);
}

std::optional<StoredManifest> Store::read_pointer(const char* name) const {
    auto pointer = content::read_file(m_dir / name, 64);
    if (!pointer)
        return std::nullopt;
    std::int64_t v = 0;
    auto text = *pointer;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    if (std::from_chars(text.data(), text.data() + text.size(), v).ptr !=
            text.data() + text.size() ||
        v < 1)
        return std::nullopt;
    auto base = m_dir / "manifests" / std::to_string(v);
    auto bytes = content::read_file(base.string() + ".json", 8u << 20);
    auto sig = content::read_file(base.string() + ".json.sig", 1024);
    if (!bytes || !sig)
        return std::nullopt;
    return StoredManifest{v, std::move(*bytes), std::move(*sig)};
}

std::optional<StoredManifest> Store::active() const {
    return read_pointer("current");
}
std::optional<StoredManifest> Store::previous() const {
    return read_pointer("previous");
}

Result<void> Store::activate(const StoredManifest& m) {
    auto base = m_dir / "manifests" / std::to_string(m.version);
    if (auto r = write_durably(base.string() + ".json", m.bytes); !r)
        return r;
    if (auto r = write_durably(base.string() + ".json.sig", m.signature); !r)
        return r;
    auto old = active();
    if (old && old->version != m.version)
        if (auto r = write_durably(m_dir / "previous", std::to_string(old->version) + "\n"); !r)
            return r;
    // The switch itself is one rename: before it the old version is active, after it the new one.
    if (auto r = write_durably(m_dir / "current", std::to_string(m.version) + "\n"); !r)
        return r;
    // Manifests neither current nor previous are no longer needed.
    auto prev = previous();
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(m_dir / "manifests", ec)) {
        auto stem = e.path().filename().string();
        stem = stem.substr(0, stem.find('.'));
        if (stem != std::to_string(m.version) && (!prev || stem != std::to_string(prev->version)))
            fs::remove(e.path(), ec);
    }
    return {};
}

std::uint64_t Store::bytes_used() const {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(objects_dir(), ec))
        total += e.file_size(ec);
    return total;
}

void Store::collect_garbage(const std::set<std::string>& referenced) {
    if (bytes_used() <= m_cap)
        return;
    struct Entry {
        fs::path path;
        fs::file_time_type when;
        std::uint64_t size;
    };
    std::vector<Entry> unused;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(objects_dir(), ec))
        if (!referenced.contains(e.path().filename().string()))
            unused.push_back({e.path(), e.last_write_time(ec), e.file_size(ec)});
    std::sort(unused.begin(), unused.end(),
              [](const Entry& a, const Entry& b) { return a.when < b.when; });
    std::uint64_t used = bytes_used();
    for (const auto& u : unused) {
        if (used <= m_cap)
            break;
        fs::remove(u.path, ec);
        used -= std::min(used, u.size);
    }
    for (const auto& e : fs::directory_iterator(m_dir / "partial", ec))
        if (!referenced.contains(e.path().filename().string()))
            fs::remove(e.path(), ec);
}

TimePoint Store::trusted_time() const {
    auto text = content::read_file(m_dir / "trusted-time", 64);
    if (!text)
        return TimePoint{};
    auto t = parse_datetime(std::string(text->substr(0, text->find('\n'))));
    return t.value_or(TimePoint{});
}

void Store::remember_time(TimePoint t) {
    if (t <= trusted_time())
        return;
    (void)write_durably(m_dir / "trusted-time", format_iso(t, std::chrono::minutes{0}) + "\n");
}

std::int64_t Store::floor(const std::string& key_id) const {
    auto text = content::read_file(m_dir / "floors", 64u << 10);
    if (!text)
        return 0;
    std::istringstream in{std::string(*text)};
    std::string key;
    std::int64_t v = 0;
    std::int64_t best = 0;
    while (in >> key >> v)
        if (key == key_id)
            best = std::max(best, v);
    return best;
}

void Store::raise_floor(const std::string& key_id, std::int64_t version) {
    if (key_id.empty() || key_id.find_first_of(" \n") != std::string::npos ||
        version <= floor(key_id))
        return;
    // One line a key: the highest version it signed.
    std::string out;
    auto text = content::read_file(m_dir / "floors", 64u << 10);
    std::istringstream in{text ? std::string(*text) : std::string()};
    std::string key;
    std::int64_t v = 0;
    while (in >> key >> v)
        if (key != key_id)
            out += key + " " + std::to_string(v) + "\n";
    out += key_id + " " + std::to_string(version) + "\n";
    (void)write_durably(m_dir / "floors", out);
}

} // namespace kiosk::sync

// publish and keygen.
#include "publish.hpp"

#include "results_csv.hpp"

#include "kiosk/content/bundle.hpp"
#include "kiosk/content/showable.hpp"
#include "kiosk/sync/signature.hpp"
#include "kiosk/sync/store.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <regex>
#include <set>
#include <utility>

namespace kiosk::pack {
namespace fs = std::filesystem;
namespace {

// Web servers derive ETags from a file's modification time in whole seconds and its size: two
// publications in one second with the same size would look unchanged to a conditional request.
// The new file's time is therefore made later than the old one's, always.
std::optional<fs::file_time_type> mtime(const fs::path& p) {
    std::error_code ec;
    auto t = fs::last_write_time(p, ec);
    return ec ? std::nullopt : std::optional(t);
}

void newer_than(const fs::path& p, std::optional<fs::file_time_type> old) {
    if (!old)
        return;
    std::error_code ec;
    auto now = fs::last_write_time(p, ec);
    auto floor_s = [](fs::file_time_type t) { return std::chrono::floor<std::chrono::seconds>(t); };
    if (!ec && floor_s(now) <= floor_s(*old))
        fs::last_write_time(p, floor_s(*old) + std::chrono::seconds{1}, ec);
}

// An exclusive flock on `dir`/.lock, held until destroyed (or the process ends, however it ends).
class ChannelLock {
public:
    static Result<ChannelLock> take(const fs::path& dir, const LockWait& on_wait) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        fs::path file = dir / ".lock";
        int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return fail(file.string() + ": cannot be opened (" + std::strerror(errno) + ")");
        ChannelLock lock(fd);
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
            return lock;
        if (errno == EWOULDBLOCK && on_wait)
            on_wait();
        int r;
        while ((r = ::flock(fd, LOCK_EX)) != 0 && errno == EINTR) {
        }
        if (r != 0)
            return fail(file.string() + ": cannot be locked (" + std::strerror(errno) + ")");
        return lock;
    }
    ChannelLock(ChannelLock&& o) noexcept : m_fd(std::exchange(o.m_fd, -1)) {}
    ChannelLock& operator=(ChannelLock&&) = delete;
    ~ChannelLock() {
        if (m_fd >= 0)
            ::close(m_fd); // Releases the lock.
    }

private:
    explicit ChannelLock(int fd) : m_fd(fd) {}
    int m_fd;
};

Result<void> check_channel(const std::string& channel) {
    static const std::regex name("[a-z0-9][a-z0-9._-]{0,63}");
    if (!std::regex_match(channel, name))
        return fail("--channel: \"" + channel +
                    "\" must be lower-case letters, digits, '.', '_' or '-'");
    return {};
}

// With --bump: the version to publish `m` as, on a channel whose manifest is `existing`. The
// channel's own version when `m` is the same content (publishing it again changes nothing),
// else one above it, or the bundle's own when that is higher still.
std::int64_t bumped_version(const nlohmann::json& m, const std::string& existing) {
    const std::int64_t own = m.value("bundle_version", std::int64_t{1});
    std::vector<content::Warning> warnings;
    auto old = content::parse_manifest(existing, warnings);
    if (!old)
        return own;
    nlohmann::json same = m;
    same["bundle_version"] = old->bundle_version;
    if (same.dump(2) + "\n" == existing)
        return old->bundle_version;
    return std::max(own, old->bundle_version + 1);
}

} // namespace

Result<PublishResult> publish(const fs::path& bundle_dir, const fs::path& webroot,
                              const PublishOptions& o) {
    if (auto c = check_channel(o.channel); !c)
        return std::unexpected(c.error());
    auto bundle = content::load_bundle(bundle_dir);
    if (!bundle)
        return std::unexpected(bundle.error());
    if (!(*bundle)->problems.empty())
        return fail(bundle_dir.string() + ": the bundle has problems (" +
                    (*bundle)->problems.front() + "); rebuild it with kiosk-pack build");
    auto text = content::read_file(bundle_dir / "manifest.json", 8u << 20);
    if (!text)
        return std::unexpected(text.error());
    nlohmann::json m;
    try {
        m = nlohmann::json::parse(*text);
    } catch (const nlohmann::json::exception& e) {
        return fail(bundle_dir.string() + "/manifest.json: " + e.what());
    }
    if (text->size() > 4u << 20)
        return fail(bundle_dir.string() +
                    "/manifest.json is over 4 MiB, more than displays accept");
    const TimePoint now =
        o.now.value_or(std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()));
    const auto offset = (*bundle)->manifest.utc_offset;
    if (o.expires && *o.expires <= now)
        return fail("--expires: " + format_iso(*o.expires, offset) + " is already past (now " +
                    format_iso(now, offset) + ")");
    // A version with nothing to show would replace good content on every display.
    if (auto why = content::nothing_to_show(**bundle, now, now + content::kShowableAhead))
        return fail(
            "version " + std::to_string((*bundle)->manifest.bundle_version) +
            " has nothing to show from " + format_iso(now, offset) + " for " +
            std::to_string(
                std::chrono::duration_cast<std::chrono::days>(content::kShowableAhead).count()) +
            " days (" + *why + "); not published");
    m["channel"] = o.channel;
    if (o.expires)
        m["expires"] = format_iso(*o.expires, offset);

    PublishResult result;
    result.version = (*bundle)->manifest.bundle_version;
    fs::path channel_dir = webroot / "channels" / o.channel;
    auto lock = ChannelLock::take(channel_dir, o.on_wait);
    if (!lock)
        return std::unexpected(lock.error());
    auto existing = content::read_file(channel_dir / "manifest.json", 8u << 20);
    auto existing_sig = content::read_file(channel_dir / "manifest.json.sig", 1024);
    // The channel's manifest without its publication time: what this one is compared with.
    std::optional<std::string> existing_content;
    if (existing) {
        try {
            auto e = nlohmann::json::parse(*existing);
            e.erase("published");
            existing_content = e.dump(2) + "\n";
        } catch (const nlohmann::json::exception&) {
        }
    }
    if (o.bump && existing_content)
        result.version = bumped_version(m, *existing_content);
    m["bundle_version"] = result.version;
    const std::string content_bytes = m.dump(2) + "\n";
    if (existing_content && *existing_content == content_bytes) {
        // Ed25519 signatures are deterministic: the channel's is this key's over its bytes, or an
        // earlier publication stopped between the manifest and its signature.
        auto resig = sync::sign(*existing, o.private_pem);
        if (!resig)
            return std::unexpected(resig.error());
        if (existing_sig && *existing_sig == *resig)
            return result; // Unchanged: nothing on the server moves.
        if (auto w = sync::write_file_durably(channel_dir / "manifest.json.sig", *resig); !w)
            return std::unexpected(w.error());
        result.changed = true;
        return result;
    }
    // Versions only go up for one key (Ed25519 signs deterministically: the channel's signature
    // is this key's when signing its bytes again gives it). After a key rotation the new key's
    // versions start again, as displays allow.
    auto same_key = [&] {
        auto again = sync::sign(*existing, o.private_pem);
        return again && existing_sig && *again == *existing_sig;
    };
    if (existing && same_key()) {
        std::vector<content::Warning> w;
        auto old = content::parse_manifest(*existing, w);
        if (old && old->bundle_version >= result.version)
            return fail("the channel " + o.channel + " is at version " +
                        std::to_string(old->bundle_version) +
                        "; raise [bundle] version above it and build again, or publish with "
                        "--bump");
    }
    m["published"] = format_iso(now, offset);
    const std::string bytes = m.dump(2) + "\n";
    auto sig = sync::sign(bytes, o.private_pem);
    if (!sig)
        return std::unexpected(sig.error());
    std::error_code ec;
    fs::create_directories(webroot / "objects", ec);
    fs::create_directories(channel_dir, ec);
    if (ec)
        return fail(webroot.string() + ": cannot be written (" + ec.message() + ")");
    for (const auto& [name, info] : (*bundle)->manifest.assets) {
        fs::path dest = webroot / "objects" / info.sha256;
        if (fs::exists(dest, ec))
            continue;
        auto data = content::read_file((*bundle)->asset_path(name), 1ull << 32);
        if (!data)
            return std::unexpected(data.error());
        if (auto w = sync::write_file_durably(dest, *data); !w)
            return std::unexpected(w.error());
        ++result.objects_written;
    }
    // Objects first, then the manifest, then its signature: a display never sees a manifest
    // naming objects that are not there yet.
    auto old_time = mtime(channel_dir / "manifest.json");
    if (auto w = sync::write_file_durably(channel_dir / "manifest.json", bytes); !w)
        return std::unexpected(w.error());
    newer_than(channel_dir / "manifest.json", old_time);
    if (auto w = sync::write_file_durably(channel_dir / "manifest.json.sig", *sig); !w)
        return std::unexpected(w.error());
    result.changed = true;
    return result;
}

Result<std::int64_t> publish_results(const fs::path& csv, const fs::path& webroot,
                                     const FeedOptions& o, Problems& problems) {
    if (auto c = check_channel(o.channel); !c)
        return std::unexpected(c.error());
    auto bytes = content::read_file(csv, 16u << 20);
    if (!bytes)
        return std::unexpected(bytes.error());
    nlohmann::json events = nlohmann::json::array();
    std::set<std::string> names;
    if (!parse_results_csv(*bytes, csv.filename().string(), problems, events, names))
        return fail(csv.filename().string() + " has errors; nothing was published");
    fs::path dir = webroot / "feeds" / o.channel;
    auto lock = ChannelLock::take(dir, o.on_wait);
    if (!lock)
        return std::unexpected(lock.error());
    std::int64_t sequence = 1;
    if (auto old = content::read_file(dir / "results.json", 16u << 20)) {
        auto parsed = content::parse_results(*old, "results.json");
        if (parsed)
            sequence = parsed->sequence + 1;
    }
    nlohmann::json doc = {{"sequence", sequence},
                          {"updated", format_iso(o.now, std::chrono::minutes{0})},
                          {"sample", o.sample},
                          {"events", events}};
    std::string text = doc.dump(2) + "\n";
    auto sig = sync::sign(text, o.private_pem);
    if (!sig)
        return std::unexpected(sig.error());
    std::error_code ec;
    fs::create_directories(dir, ec);
    auto old_time = mtime(dir / "results.json");
    if (auto w = sync::write_file_durably(dir / "results.json", text); !w)
        return std::unexpected(w.error());
    newer_than(dir / "results.json", old_time);
    if (auto w = sync::write_file_durably(dir / "results.json.sig", *sig); !w)
        return std::unexpected(w.error());
    return sequence;
}

Result<std::string> keygen(const fs::path& key_file) {
    if (fs::exists(key_file))
        return fail(key_file.string() + " exists; not overwriting a key");
    auto pair = sync::generate_key();
    if (!pair)
        return std::unexpected(pair.error());
    ::umask(077);
    if (auto w = sync::write_file_durably(key_file, pair->private_pem); !w)
        return std::unexpected(w.error());
    ::chmod(key_file.c_str(), 0600);
    std::string pub = sync::format_public_key(pair->public_key);
    fs::path pub_file = key_file;
    pub_file += ".pub";
    if (auto w = sync::write_file_durably(pub_file, pub + "\n"); !w)
        return std::unexpected(w.error());
    ::chmod(pub_file.c_str(), 0644);
    return pub;
}

} // namespace kiosk::pack

// The display's content store: verified objects by SHA-256, and which manifest is active. Every
// write goes to a temporary file that is synced and renamed, so a power cut at any moment leaves
// either the old state or the new one, never a half-written file under a real name.
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/core/time.hpp"

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace kiosk::sync {

struct StoredManifest {
    std::int64_t version{};
    std::string bytes;     // The manifest exactly as signed.
    std::string signature; // Its signature line.
};

class Store {
public:
    Store(std::filesystem::path dir, std::uint64_t cap_bytes);

    // Creates the folders and removes what an interrupted write left behind.
    Result<void> open();

    const std::filesystem::path& dir() const { return m_dir; }
    std::filesystem::path objects_dir() const { return m_dir / "objects"; }
    bool has_object(const std::string& sha256) const;
    // Whether a stored object is whole: its size and SHA-256 are checked (once a run: an object
    // checked or committed since the start is trusted). A damaged one is removed, with a log line
    // naming it, so that it is fetched again; never reused.
    enum class Check { Good, Missing, Damaged };
    Check check_object(const std::string& sha256, std::uint64_t size);
    // Removes an object found damaged elsewhere (loading a bundle), saying why.
    void discard_object(const std::string& sha256, const std::string& why);
    // An object checked whole elsewhere (loading a bundle hashes every one).
    void mark_verified(const std::string& sha256);
    // Where a download in progress is kept (it may resume from there).
    std::filesystem::path partial_path(const std::string& sha256) const;
    // Checks a finished download's size and SHA-256 and moves it into the store, durably.
    Result<void> commit_object(const std::string& sha256, std::uint64_t size);

    // Makes `m` the active manifest, keeping the one it replaces as the previous good one.
    Result<void> activate(const StoredManifest& m);
    std::optional<StoredManifest> active() const;
    std::optional<StoredManifest> previous() const;

    // Removes objects that neither the active nor the previous manifest uses, when the store is
    // over its cap (oldest first). `referenced` is every object those two manifests name.
    void collect_garbage(const std::set<std::string>& referenced);
    std::uint64_t bytes_used() const;

    // The newest trustworthy time seen (a manifest's publication or creation time): a display
    // whose clock has no battery may boot in the past, but never before this.
    TimePoint trusted_time() const;
    void remember_time(TimePoint t);

    // The rollback floor of a signing key: the highest version it was seen to sign. Versions only
    // go up per key, so a rotation to a new key (the old one no longer trusted) starts again.
    std::int64_t floor(const std::string& key_id) const;
    void raise_floor(const std::string& key_id, std::int64_t version);

private:
    std::optional<StoredManifest> read_pointer(const char* name) const;
    Result<void> write_durably(const std::filesystem::path& path, std::string_view bytes);

    std::filesystem::path m_dir;
    std::uint64_t m_cap;
    mutable std::mutex m_mutex;
    std::set<std::string> m_verified; // Guarded by m_mutex.
};

// Writes `bytes` to `path` through a temporary file: write, fsync, rename, fsync the folder.
Result<void> write_file_durably(const std::filesystem::path& path, std::string_view bytes);

} // namespace kiosk::sync

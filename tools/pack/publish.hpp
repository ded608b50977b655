// Publishing a built bundle to a static web root: content-addressed objects and the channel's
// signed manifest (docs/publishing.md).
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/core/time.hpp"
#include "problems.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace kiosk::pack {

// Called once when another publication on the same channel holds its lock, before waiting for it.
using LockWait = std::function<void()>;

struct PublishOptions {
    std::string channel;
    std::string private_pem;
    std::optional<TimePoint> expires; // Must be later than `now`.
    // Publish as the channel's next version (one above what it has) when the bundle's own is not
    // above it: the operator need not edit settings.ini before every publication.
    bool bump{false};
    LockWait on_wait;
    // The publication time stamped into the signed manifest ("published"): displays take it as
    // their trusted time. Default: the system clock.
    std::optional<TimePoint> now;
};

struct PublishResult {
    bool changed{false};
    std::int64_t version{0};
    int objects_written{0};
};

// One publication at a time on a channel: the channel's lock (an flock on
// channels/<channel>/.lock, or feeds/<channel>/.lock for the feed) is held from reading the
// version it has to writing the new one, so two runs cannot both pass "versions only go up".
Result<PublishResult> publish(const std::filesystem::path& bundle,
                              const std::filesystem::path& webroot, const PublishOptions& options);

struct FeedOptions {
    std::string channel;
    std::string private_pem;
    bool sample{false};
    TimePoint now;
    LockWait on_wait;
};

// Publishes the results spreadsheet as the channel's live results feed
// (feeds/<channel>/results.json and its signature) with the next sequence number. Problems in
// the CSV are reported with their line and nothing is written.
Result<std::int64_t> publish_results(const std::filesystem::path& csv,
                                     const std::filesystem::path& webroot,
                                     const FeedOptions& options, Problems& problems);

// Writes KEY (private, mode 0600) and KEY.pub; returns the public key line.
Result<std::string> keygen(const std::filesystem::path& key_file);

} // namespace kiosk::pack

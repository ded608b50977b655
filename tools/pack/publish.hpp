// Publishing a built bundle to a static web root: content-addressed objects and the channel's
// signed manifest (docs/publishing.md).
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/core/time.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::pack {

struct PublishOptions {
    std::string channel;
    std::string private_pem;
    std::optional<TimePoint> expires;
};

struct PublishResult {
    bool changed{false};
    std::int64_t version{0};
    int objects_written{0};
};

Result<PublishResult> publish(const std::filesystem::path& bundle,
                              const std::filesystem::path& webroot, const PublishOptions& options);

// Writes KEY (private, mode 0600) and KEY.pub; returns the public key line.
Result<std::string> keygen(const std::filesystem::path& key_file);

} // namespace kiosk::pack

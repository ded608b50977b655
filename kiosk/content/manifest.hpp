// The bundle manifest (schema 1, docs/bundle-format.md) and its validation.
#pragma once

#include "kiosk/content/notice.hpp"
#include "kiosk/content/window.hpp"
#include "kiosk/core/color.hpp"
#include "kiosk/core/error.hpp"
#include "kiosk/core/geometry.hpp"
#include "kiosk/core/time.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::content {

inline constexpr int kSchemaVersion = 1;
// The highest bundle version a display or kiosk-pack takes (2^53, what a JSON number holds
// exactly everywhere): a version signed near 2^63 would leave no room for any later one.
inline constexpr std::int64_t kMaxBundleVersion = std::int64_t{1} << 53;

enum class SlideKind { Image, Text, Schedule, Results, Qr };
enum class Transition { Fade, Slide, Cut };

// How a slide takes the screen: in the playlist's turn, interleaved every N playlist slides, or
// at once and for as long as its window is open.
enum class Priority { Normal, Notice, Emergency };

struct TickerItem {
    std::string text;
    Window window;
};

struct Theme {
    std::string header;
    std::string logo; // Logical asset name; empty for none.
    Color primary{0xB5, 0x12, 0x1B, 255};
    Color accent{0xF5, 0xC4, 0x00, 255};
    Color text{0xFF, 0xFF, 0xFF, 255};
    Color background{0x1A, 0x1A, 0x1A, 255};
    Color panel{0xFF, 0xFF, 0xFF, 255};
    Color panel_text{0x22, 0x22, 0x22, 255};
    std::vector<TickerItem> ticker;
};

struct AssetInfo {
    std::string sha256;
    std::uint64_t size{};
    std::string type;
};

struct Slide {
    std::string id;
    SlideKind kind{SlideKind::Image};
    Duration duration{std::chrono::seconds{10}};
    Transition transition{Transition::Fade};
    std::string asset; // image
    Fit fit{Fit::Contain};
    std::string title; // text
    std::string body;  // CommonMark when the manifest says "markdown": true, else plain.
    std::shared_ptr<const Notice> notice; // The body read (text slides).
    std::string data;                     // schedule, results: logical name of the data asset
    std::string event;                    // results
    std::string link;                     // qr: the id of one of the manifest's links
    Window window;
    Priority priority{Priority::Normal};
    std::vector<std::string> tags; // Empty: every display.
};

// A web address offered to visitors as a QR code: the online viewing channel, the online
// exhibition. Only http:// and https:// addresses are accepted.
struct Link {
    std::string id;
    std::string title;
    std::string url;
    std::string caption;
    bool sample{false}; // An invented address, marked 示例 on screen.
};

struct Manifest {
    int schema_version{};
    std::int64_t bundle_version{};
    std::optional<TimePoint> created;
    std::optional<TimePoint> published; // Stamped by kiosk-pack publish, under the signature.
    std::optional<TimePoint> expires;   // A display refuses the manifest after this.
    std::string time_zone_name;
    std::chrono::minutes utc_offset{};
    Theme theme;
    std::map<std::string, AssetInfo> assets;
    std::vector<Slide> slides;         // Only the slides that passed validation.
    std::vector<std::string> playlist; // Only ids of valid slides.
    int notice_every{4};               // Playlist slides between two notices.
    std::vector<Link> links;           // Only the valid ones.
};

// Longest web address a link may carry (a QR code for it must stay easy to scan).
inline constexpr std::size_t kMaxUrlBytes = 300;
// An http:// or https:// address with a host, no spaces or control characters, not too long.
Result<void> check_link_url(std::string_view url);

// Problems that cost a slide or an asset but leave the rest of the bundle playable.
struct Warning {
    std::string where; // `slides[3] (id "cnc")`, `assets["a.png"]`
    std::string what;
};

// Parses and validates the manifest text. Structural faults (not JSON, unknown schema, a missing
// top-level field) fail the whole manifest; a bad slide is dropped with a warning.
Result<Manifest> parse_manifest(std::string_view json_text, std::vector<Warning>& warnings);

// Image MIME types the player decodes.
bool is_image_type(std::string_view mime);

} // namespace kiosk::content

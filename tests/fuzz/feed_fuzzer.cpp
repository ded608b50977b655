// The live results feed as a display polls it: results.json and results.json.sig served from
// memory to the real FeedPoller, twice (a first feed, then an update).
// Input: feed, signature, second feed, its signature, separated by kSeparator; `sign` stands for a
// good signature.
#include "fuzz_util.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/sync/feed.hpp"
#include "kiosk/sync/signature.hpp"

#include <cstdlib>

using namespace kiosk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const sync::KeyPair pair = (fuzz::quiet(), *sync::generate_key());
    static const std::filesystem::path dir = fuzz::scratch("feed");
    auto parts = fuzz::split(fuzz::as_text(data, size), 4);
    auto signature = [&](const std::string& body, const std::string& given) {
        return given == "sign" ? *sync::sign(body, pair.private_pem) : given;
    };

    std::filesystem::remove_all(dir);
    ManualClock clock(*parse_datetime("2020-11-08T09:30:00+08:00"));
    fuzz::MemoryServer server;
    sync::FeedSettings settings;
    settings.url = std::string(fuzz::MemoryServer::root) + "feeds/hall-a/results.json";
    settings.trusted_keys = {pair.public_key};
    settings.keep_dir = dir;
    sync::FeedPoller poller(settings, server, clock, {});
    for (int round = 0; round < 2; ++round) {
        const auto& body = parts[static_cast<std::size_t>(2 * round)];
        server.files["feeds/hall-a/results.json"] = body;
        server.files["feeds/hall-a/results.json.sig"] =
            signature(body, parts[static_cast<std::size_t>(2 * round + 1)]);
        bool taken = poller.poll_once();
        // A feed is handed to the screen exactly when it was taken.
        if (taken != poller.take_update().has_value())
            std::abort();
    }
    // What was kept on disk is read back at the next start.
    sync::FeedPoller next(settings, server, clock, {});
    (void)next.load_kept();
    return 0;
}

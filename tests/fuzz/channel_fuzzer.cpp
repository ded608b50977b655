// A channel as a display polls it: manifest.json, manifest.json.sig and the objects it names,
// served from memory to the real SyncEngine and Store (the store in a scratch folder).
// Input: manifest, signature, then objects, separated by kSeparator. A signature of `sign` is
// replaced by a good one, so that what follows the signature check is reached too.
#include "fuzz_util.hpp"
#include "kiosk/content/sha256.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/sync/signature.hpp"
#include "kiosk/sync/sync_engine.hpp"

#include <cstdlib>

using namespace kiosk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const sync::KeyPair pair = (fuzz::quiet(), *sync::generate_key());
    static const std::filesystem::path dir = fuzz::scratch("channel");
    auto parts = fuzz::split(fuzz::as_text(data, size), 6);

    fuzz::MemoryServer server;
    server.files["channels/hall-a/manifest.json"] = parts[0];
    server.files["channels/hall-a/manifest.json.sig"] =
        parts[1] == "sign" ? *sync::sign(parts[0], pair.private_pem) : parts[1];
    for (std::size_t i = 2; i < parts.size(); ++i)
        server.files["objects/" + content::sha256_hex(parts[i])] = parts[i];

    std::filesystem::remove_all(dir);
    sync::Store store(dir, 64u << 20);
    if (!store.open())
        std::abort();
    ManualClock clock(*parse_datetime("2020-11-08T09:30:00+08:00"));
    sync::SyncSettings settings;
    settings.server = std::string(fuzz::MemoryServer::root);
    settings.channel = "hall-a";
    settings.trusted_keys = {pair.public_key};
    settings.display_id = "fuzz";
    settings.max_object_bytes = 1u << 20;
    settings.max_total_bytes = 4u << 20;
    settings.parallel_downloads = 1;
    sync::SyncEngine engine(settings, store, server, clock, {});
    auto version = engine.poll_once();
    auto bundle = engine.take_new_bundle();
    // A version is announced exactly when it became active, and only with a loaded bundle.
    if (version.has_value() != (bundle != nullptr))
        std::abort();
    if (version && (!store.active() || store.active()->version != *version))
        std::abort();
    // The same channel again, as after a restart: nothing new.
    if (engine.poll_once())
        std::abort();
    return 0;
}

// Signatures, the store and the display config, without a network.
#include "kiosk/app/config.hpp"
#include "kiosk/content/sha256.hpp"
#include "kiosk/sync/feed.hpp"
#include "kiosk/sync/pin.hpp"
#include "kiosk/sync/signature.hpp"
#include "kiosk/sync/store.hpp"
#include "kiosk/sync/sync_engine.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <mutex>
#include <thread>

using namespace kiosk;
using namespace kiosk::sync;
namespace fs = std::filesystem;

TEST(Signature, SignsAndVerifiesAndRefusesTampering) {
    auto pair = generate_key();
    ASSERT_TRUE(pair) << pair.error().message;
    auto other = generate_key();
    ASSERT_TRUE(other);
    std::string manifest = "{\"schema_version\": 1}\n";
    auto sig = sign(manifest, pair->private_pem);
    ASSERT_TRUE(sig) << sig.error().message;
    auto ok = verify(manifest, *sig, {other->public_key, pair->public_key});
    ASSERT_TRUE(ok) << ok.error().message;
    EXPECT_EQ(*ok, pair->public_key.id);

    auto tampered = verify(manifest + " ", *sig, {pair->public_key});
    ASSERT_FALSE(tampered);
    EXPECT_NE(tampered.error().message.find("does not match"), std::string::npos);
    auto untrusted = verify(manifest, *sig, {other->public_key});
    ASSERT_FALSE(untrusted);
    EXPECT_NE(untrusted.error().message.find("does not trust"), std::string::npos);
    EXPECT_FALSE(verify(manifest, "", {pair->public_key}));
    EXPECT_FALSE(verify(manifest, "ed25519 " + pair->public_key.id + " !!!!", {pair->public_key}));
    EXPECT_FALSE(verify(manifest, std::string(10000, 'a'), {pair->public_key}));
}

TEST(Signature, PublicKeyLinesRoundTripAndTheIdMustMatch) {
    auto pair = generate_key();
    ASSERT_TRUE(pair);
    auto line = format_public_key(pair->public_key);
    auto back = parse_public_key(line);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->raw, pair->public_key.raw);
    std::string wrong_id = "ed25519 0000000000000000 " + line.substr(line.rfind(' ') + 1);
    EXPECT_FALSE(parse_public_key(wrong_id));
    EXPECT_FALSE(parse_public_key("rsa abc def"));
}

TEST(Signature, Base64TakesOnlyTheAlphabetWithPaddingAtTheEnd) {
    EXPECT_EQ(base64_decode("QUJD"), "ABC");
    EXPECT_EQ(base64_decode("QUI="), "AB");
    EXPECT_EQ(base64_decode("QQ=="), "A");
    EXPECT_EQ(base64_decode(""), "");
    // Found by the signature fuzzer: OpenSSL skips blanks around the text, so "    " was an
    // empty key and " QUJ" three bytes.
    EXPECT_FALSE(base64_decode("    "));
    EXPECT_FALSE(base64_decode("\tQUI"));
    EXPECT_FALSE(base64_decode("QUJ\n"));
    EXPECT_FALSE(base64_decode("Q==="));
    EXPECT_FALSE(base64_decode("===="));
    EXPECT_FALSE(base64_decode("QU=D"));
    auto pair = generate_key();
    ASSERT_TRUE(pair);
    auto line = format_public_key(pair->public_key);
    // Four tabs keep the length a multiple of four; OpenSSL alone would skip them.
    auto space = line.rfind(' ');
    EXPECT_FALSE(parse_public_key(line.substr(0, space + 1) + "\t\t\t\t" + line.substr(space + 1)));
    EXPECT_TRUE(parse_public_key(line));
}

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("kiosk-store-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string put(Store& s, const std::string& bytes) {
        auto sha = content::sha256_hex(bytes);
        std::ofstream(s.partial_path(sha), std::ios::binary) << bytes;
        EXPECT_TRUE(s.commit_object(sha, bytes.size()));
        return sha;
    }
    fs::path m_dir;
};

TEST_F(StoreTest, ObjectsAreCheckedBeforeTheyEnter) {
    Store s(m_dir, 1 << 20);
    ASSERT_TRUE(s.open());
    auto sha = put(s, "poster bytes");
    EXPECT_TRUE(s.has_object(sha));
    // A truncated download and a wrong one are refused and removed.
    std::string good = "another poster";
    auto sha2 = content::sha256_hex(good);
    std::ofstream(s.partial_path(sha2), std::ios::binary) << "another";
    auto r = s.commit_object(sha2, good.size());
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("size does not match"), std::string::npos);
    EXPECT_FALSE(fs::exists(s.partial_path(sha2)));
    std::ofstream(s.partial_path(sha2), std::ios::binary) << "another POSTER";
    auto wrong = s.commit_object(sha2, good.size());
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().message.find("SHA-256 does not match"), std::string::npos);
    EXPECT_FALSE(s.has_object(sha2));
    EXPECT_FALSE(s.commit_object("../../etc/passwd", 3));
}

TEST_F(StoreTest, ActivationKeepsThePreviousVersionAndSurvivesReopening) {
    {
        Store s(m_dir, 1 << 20);
        ASSERT_TRUE(s.open());
        EXPECT_FALSE(s.active());
        ASSERT_TRUE(s.activate({1, "m1", "s1"}));
        ASSERT_TRUE(s.activate({2, "m2", "s2"}));
        ASSERT_TRUE(s.activate({3, "m3", "s3"}));
    }
    std::ofstream(m_dir / "current.tmp") << "garbage from a power cut";
    Store s(m_dir, 1 << 20);
    ASSERT_TRUE(s.open());
    EXPECT_FALSE(fs::exists(m_dir / "current.tmp"));
    ASSERT_TRUE(s.active());
    EXPECT_EQ(s.active()->version, 3);
    EXPECT_EQ(s.active()->bytes, "m3");
    ASSERT_TRUE(s.previous());
    EXPECT_EQ(s.previous()->version, 2);
    EXPECT_FALSE(fs::exists(m_dir / "manifests" / "1.json")); // Neither current nor previous.
}

TEST_F(StoreTest, GarbageGoesOnlyPastTheCapAndNeverWhatIsReferenced) {
    Store s(m_dir, 40);
    ASSERT_TRUE(s.open());
    auto keep = put(s, std::string(30, 'k'));
    auto old1 = put(s, std::string(30, 'a'));
    auto old2 = put(s, std::string(30, 'b'));
    s.collect_garbage({keep});
    EXPECT_TRUE(s.has_object(keep));
    EXPECT_FALSE(s.has_object(old1));
    EXPECT_FALSE(s.has_object(old2));
    Store roomy(m_dir, 1 << 20);
    auto extra = put(roomy, "unreferenced but there is room");
    roomy.collect_garbage({keep});
    EXPECT_TRUE(roomy.has_object(extra));
}

TEST_F(StoreTest, TrustedTimeOnlyMovesForward) {
    Store s(m_dir, 1 << 20);
    ASSERT_TRUE(s.open());
    auto t1 = *parse_datetime("2020-11-07T18:00:00+08:00");
    s.remember_time(t1);
    s.remember_time(*parse_datetime("2000-01-01T00:00:00Z"));
    EXPECT_EQ(s.trusted_time(), t1);
}

TEST(Config, AGoodConfigAndEachBadFieldNamed) {
    auto pair = generate_key();
    ASSERT_TRUE(pair);
    std::string key = format_public_key(pair->public_key);
    auto good = app::parse_config(
        R"({"display_id": "hall-a-1", "tags": ["hall-a"], "server": "https://content.example.org/",
        "channel": "hall-a", "trusted_keys": [")" +
            key + R"("], "poll_interval_s": 30, "cache_dir": "/var/lib/kiosk",
        "cache_max_mb": 512})",
        "display.json");
    ASSERT_TRUE(good) << good.error().message;
    EXPECT_EQ(good->poll_interval, std::chrono::seconds{30});
    EXPECT_EQ(good->cache_max_bytes, 512ull << 20);
    auto bad = [&](const std::string& json) {
        auto c = app::parse_config(json, "display.json");
        return c ? std::string("accepted") : c.error().message;
    };
    std::string base =
        R"("display_id": "d", "channel": "c", "cache_dir": "/x", "trusted_keys": [")" + key + "\"]";
    EXPECT_NE(bad("{" + base + "}").find("field \"server\" is missing"), std::string::npos);
    EXPECT_NE(bad("{" + base + R"(, "server": "ftp://x/"})").find("field \"server\""),
              std::string::npos);
    EXPECT_NE(bad("{" + base + R"(, "server": "http://x/", "poll_interval_s": 0})")
                  .find("poll_interval_s"),
              std::string::npos);
    EXPECT_NE(
        bad("{" + base + R"(, "server": "http://x/", "sever": 1})").find("unknown field \"sever\""),
        std::string::npos);
    EXPECT_NE(
        bad(R"({"display_id": "d", "channel": "c", "cache_dir": "/x", "server": "http://x/", "trusted_keys": ["ed25519 00 AAAA"]})")
            .find("trusted_keys[0]"),
        std::string::npos);
    EXPECT_NE(
        bad(R"({"display_id": "d", "channel": "Hall A", "cache_dir": "/x", "server": "http://x/", "trusted_keys": [")" +
            key + "\"]}")
            .find("field \"channel\""),
        std::string::npos);
    EXPECT_NE(bad("[1,2").find("not valid JSON"), std::string::npos);
}

TEST(Config, TouchSettingsAndTheAdminPinHash) {
    auto pair = generate_key();
    ASSERT_TRUE(pair);
    std::string base =
        R"("display_id": "d", "channel": "c", "cache_dir": "/x", "server": "http://x/",
        "trusted_keys": [")" +
        format_public_key(pair->public_key) + "\"]";
    auto hash = hash_pin("2468", 1000);
    ASSERT_TRUE(hash);
    auto c = app::parse_config("{" + base + R"(, "touch": {"idle_s": 90, "screen_diagonal_in": 43,
        "admin_corner": "bottom-right", "admin_hold_s": 8, "admin_pin": ")" +
                                   *hash + "\"}}",
                               "display.json");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_TRUE(c->touch.enabled);
    EXPECT_EQ(c->touch.idle, std::chrono::seconds{90});
    EXPECT_EQ(c->touch.screen_diagonal_in, 43);
    EXPECT_EQ(c->touch.admin_corner, "bottom-right");
    EXPECT_EQ(c->touch.admin_hold, std::chrono::seconds{8});
    EXPECT_EQ(c->touch.admin_pin, *hash);
    auto d = app::parse_config("{" + base + "}", "display.json");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->touch.idle, std::chrono::seconds{60});
    EXPECT_TRUE(d->touch.admin_pin.empty());
    auto bad = [&](const std::string& touch) {
        auto r = app::parse_config("{" + base + R"(, "touch": )" + touch + "}", "display.json");
        return r ? std::string("accepted") : r.error().message;
    };
    EXPECT_NE(bad(R"({"idle_s": 0})").find("touch.idle_s"), std::string::npos);
    EXPECT_NE(bad(R"({"admin_corner": "middle"})").find("touch.admin_corner"), std::string::npos);
    EXPECT_NE(bad(R"({"admin_pin": "2468"})").find("kiosk-pack pin"), std::string::npos);
    EXPECT_NE(bad(R"({"screen_diagonal_in": "big"})").find("inches"), std::string::npos);
    EXPECT_NE(bad(R"({"idel_s": 60})").find("unknown field \"touch.idel_s\""), std::string::npos);
    EXPECT_NE(bad("true").find("must be an object"), std::string::npos);
}

TEST(Pin, OnlyTheRightPinMatchesItsSaltedHash) {
    auto a = hash_pin("2468");
    auto b = hash_pin("2468");
    ASSERT_TRUE(a && b);
    EXPECT_NE(*a, *b); // A fresh salt each time.
    EXPECT_TRUE(a->starts_with("pbkdf2-sha256$100000$"));
    EXPECT_EQ(a->find("2468"), std::string::npos);
    EXPECT_TRUE(verify_pin("2468", *a));
    EXPECT_TRUE(verify_pin("2468", *b));
    EXPECT_FALSE(verify_pin("2469", *a));
    EXPECT_FALSE(verify_pin("24680", *a));
    EXPECT_FALSE(verify_pin("", *a));
    EXPECT_TRUE(check_pin_hash(*a));
    for (const char* pin : {"", "123", "1234567890123", "12a4", " 1234"})
        EXPECT_FALSE(hash_pin(pin)) << pin;
    for (const char* line :
         {"", "2468", "sha256$1$AAAAAAAAAAA=$AAAA",
          "pbkdf2-sha256$10$c2FsdHNhbHQ=$"
          "obO/F75YQlK+Lxf+tdA7lG88UbPKE34J/STz9AUgiWM=",
          "pbkdf2-sha256$100000$c2FsdHNhbHQ=$short", "pbkdf2-sha256$100000$$$"}) {
        EXPECT_FALSE(check_pin_hash(line)) << line;
        EXPECT_FALSE(verify_pin("2468", line)) << line;
    }
}

namespace {

// An HTTP server in memory: URL → body. It answers conditional requests as servers do, keeps
// every request, and can be told to fail.
class FakeHttp final : public HttpClient {
public:
    std::map<std::string, std::string> files;
    std::vector<HttpRequest> requests;
    std::string last_modified = "Mon, 09 Nov 2020 02:00:00 GMT";
    bool etags{true};    // Off: like Python's http.server, only Last-Modified.
    long down_status{0}; // Not 0: every answer is this status.
    std::optional<std::chrono::seconds> retry_after;
    HttpResponse get(const HttpRequest& r) override {
        requests.push_back(r);
        HttpResponse res;
        if (down_status != 0) {
            res.status = down_status;
            res.retry_after = retry_after;
            return res;
        }
        auto it = files.find(r.url);
        if (it == files.end()) {
            res.status = 404;
            return res;
        }
        std::string etag = "\"" + content::sha256_hex(it->second).substr(0, 8) + "\"";
        if ((etags && !r.if_none_match.empty() && r.if_none_match == etag) ||
            (!etags && r.if_modified_since == last_modified)) {
            res.status = 304;
            return res;
        }
        res.status = 200;
        if (etags)
            res.etag = etag;
        res.last_modified = last_modified;
        if (r.to_file) {
            std::ofstream(*r.to_file, std::ios::binary | std::ios::app) << it->second;
        } else {
            res.body = it->second;
        }
        res.received = it->second.size();
        return res;
    }
};

// A picture as far as a header goes: a 1x1 PNG's signature and IHDR, then `fill` bytes of `c`
// (distinct objects from one image; decoders ignore what follows).
std::string picture(char c, std::size_t fill = 1000) {
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\0\0\0\0",
                    33);
    return png + std::string(fill, c);
}

std::string manifest_for(std::int64_t version, const std::vector<std::string>& objects) {
    std::string assets;
    std::string slides;
    std::string playlist;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        std::string name = "p" + std::to_string(i) + ".png";
        assets += (i ? "," : "") + std::string("\"") + name + "\": {\"sha256\": \"" +
                  content::sha256_hex(objects[i]) +
                  "\", \"size\": " + std::to_string(objects[i].size()) +
                  ", \"type\": \"image/png\"}";
        slides += (i ? "," : "") + std::string("{\"id\": \"s") + std::to_string(i) +
                  "\", \"kind\": \"image\", \"asset\": \"" + name + "\"}";
        playlist += (i ? "," : "") + std::string("\"s") + std::to_string(i) + "\"";
    }
    return "{\"schema_version\": 1, \"bundle_version\": " + std::to_string(version) +
           ", \"time_zone\": {\"utc_offset\": \"+08:00\"}, \"theme\": {\"header\": \"H\"}, "
           "\"assets\": {" +
           assets + "}, \"slides\": [" + slides + "], \"playlist\": [" + playlist + "]}";
}

SyncSettings settings_for(const std::vector<PublicKey>& keys) {
    SyncSettings s;
    s.server = "http://s/";
    s.channel = "c";
    s.trusted_keys = keys;
    s.poll_interval = std::chrono::seconds{1};
    s.display_id = "d";
    return s;
}

// A channel on a FakeHttp, published with a key.
struct Channel {
    FakeHttp& http;
    void publish(const std::string& manifest, const std::string& private_pem,
                 const std::vector<std::string>& objects) {
        http.files["http://s/channels/c/manifest.json"] = manifest;
        http.files["http://s/channels/c/manifest.json.sig"] = *sign(manifest, private_pem);
        for (const auto& o : objects)
            http.files["http://s/objects/" + content::sha256_hex(o)] = o;
    }
};

// A key, a server in memory with a channel on it, and a display's clock.
struct ChannelRig {
    Result<KeyPair> key = generate_key();
    FakeHttp http;
    Channel channel{http};
    ManualClock clock{*parse_datetime("2020-11-09T10:00:00+08:00")};
};

void flip_a_byte(const fs::path& p) {
    std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(40);
    f.put('#');
}

} // namespace

TEST_F(StoreTest, MakingRoomNeverRemovesWhatIsStillOnScreen) {
    auto key = generate_key();
    ASSERT_TRUE(key);
    FakeHttp http;
    ManualClock clock(*parse_datetime("2020-11-09T10:00:00+08:00"));
    Store store(m_dir, 3 * 1033); // Room for three objects.
    ASSERT_TRUE(store.open());
    auto publish = [&](std::int64_t v, const std::vector<std::string>& objects) {
        auto m = manifest_for(v, objects);
        http.files["http://s/channels/c/manifest.json"] = m;
        http.files["http://s/channels/c/manifest.json.sig"] = *sign(m, key->private_pem);
        for (const auto& o : objects)
            http.files["http://s/objects/" + content::sha256_hex(o)] = o;
    };
    SyncEngine engine(settings_for({key->public_key}), store, http, clock, {});
    std::string a = picture('a'), b = picture('b'), c = picture('c'), d = picture('d');
    publish(1, {a});
    ASSERT_EQ(engine.poll_once(), 1);
    engine.set_shown_objects({content::sha256_hex(a)}); // Version 1 is on screen…
    publish(2, {b});
    ASSERT_EQ(engine.poll_once(), 2);
    publish(3, {c, d});
    ASSERT_EQ(engine.poll_once(), 3); // … and stays on screen while versions 2 and 3 arrive.
    EXPECT_TRUE(store.has_object(content::sha256_hex(a)));
    EXPECT_TRUE(store.has_object(content::sha256_hex(c)));
    EXPECT_TRUE(store.has_object(content::sha256_hex(d)));
    // Once the screen has moved on, version 1's object may go.
    engine.set_shown_objects({content::sha256_hex(c), content::sha256_hex(d)});
    std::string e = picture('e');
    publish(4, {e});
    ASSERT_EQ(engine.poll_once(), 4);
    EXPECT_FALSE(store.has_object(content::sha256_hex(a)));
    EXPECT_TRUE(store.has_object(content::sha256_hex(e)));
}

TEST(DisplayConfig, RepeatedKeysDeepNestingAndHugeNumbersAreRefusedByName) {
    auto repeated = app::parse_config(R"({"display_id": "a", "display_id": "b"})", "display.json");
    ASSERT_FALSE(repeated);
    EXPECT_EQ(repeated.error().message,
              "display.json: the key \"display_id\" appears twice in one object");
    auto deep = app::parse_config(std::string(1000, '[') + std::string(1000, ']'), "display.json");
    ASSERT_FALSE(deep);
    EXPECT_NE(deep.error().message.find("display.json: JSON nested deeper"), std::string::npos);
    auto huge = app::parse_config(R"({"poll_interval_s": 1e400})", "display.json");
    ASSERT_FALSE(huge);
    EXPECT_NE(huge.error().message.find("display.json"), std::string::npos);
}

TEST_F(StoreTest, AnEmptyObjectIsCommittedWithoutADownload) {
    Store s(m_dir, 1 << 20);
    ASSERT_TRUE(s.open());
    auto empty = content::sha256_hex("");
    ASSERT_TRUE(s.commit_object(empty, 0)); // No partial file: nothing was ever requested.
    EXPECT_EQ(s.check_object(empty, 0), Store::Check::Good);
}

TEST_F(StoreTest, ADamagedObjectIsFoundRemovedAndFetchedAgain) {
    ChannelRig rig;
    ASSERT_TRUE(rig.key);
    auto& [key, http, channel, clock] = rig;
    std::string a = picture('a'), b = picture('b'), c = picture('c');
    channel.publish(manifest_for(1, {a, b}), key->private_pem, {a, b});
    {
        Store store(m_dir, 1 << 20);
        ASSERT_TRUE(store.open());
        SyncEngine engine(settings_for({key->public_key}), store, http, clock, {});
        ASSERT_EQ(engine.poll_once(), 1);
    }
    // Bit rot while the display is off.
    flip_a_byte(m_dir / "objects" / content::sha256_hex(a));
    Store store(m_dir, 1 << 20);
    ASSERT_TRUE(store.open());
    EXPECT_EQ(store.check_object(content::sha256_hex(a), a.size()), Store::Check::Damaged);
    EXPECT_FALSE(store.has_object(content::sha256_hex(a))); // Removed, never reused.
    SyncEngine engine(settings_for({key->public_key}), store, http, clock, {});
    http.requests.clear();
    engine.poll_once(); // The same version: what it lacks is fetched again, and it is shown.
    EXPECT_EQ(store.check_object(content::sha256_hex(a), a.size()), Store::Check::Good);
    auto bundle = engine.take_new_bundle();
    ASSERT_TRUE(bundle);
    EXPECT_TRUE(bundle->problems.empty());
    // A new version that shares a damaged object does not reuse it.
    flip_a_byte(m_dir / "objects" / content::sha256_hex(b));
    Store later(m_dir, 1 << 20);
    ASSERT_TRUE(later.open());
    SyncEngine again(settings_for({key->public_key}), later, http, clock, {});
    channel.publish(manifest_for(2, {b, c}), key->private_pem, {b, c});
    ASSERT_EQ(again.poll_once(), 2);
    auto v2 = again.take_new_bundle();
    ASSERT_TRUE(v2);
    EXPECT_TRUE(v2->problems.empty());
    EXPECT_EQ(later.check_object(content::sha256_hex(b), b.size()), Store::Check::Good);
}

TEST_F(StoreTest, ATruncatedStoredManifestIsTakenAgainFromTheChannel) {
    ChannelRig rig;
    ASSERT_TRUE(rig.key);
    auto& [key, http, channel, clock] = rig;
    Store store(m_dir, 1 << 20);
    ASSERT_TRUE(store.open());
    std::string a = picture('a'), b = picture('b');
    channel.publish(manifest_for(1, {a}), key->private_pem, {a});
    SyncEngine engine(settings_for({key->public_key}), store, http, clock, {});
    ASSERT_EQ(engine.poll_once(), 1);
    auto m2 = manifest_for(2, {b});
    channel.publish(m2, key->private_pem, {b});
    ASSERT_EQ(engine.poll_once(), 2);
    std::ofstream(m_dir / "manifests" / "2.json", std::ios::trunc).flush(); // 0 bytes.
    SyncEngine restarted(settings_for({key->public_key}), store, http, clock, {});
    restarted.poll_once();
    ASSERT_TRUE(store.active());
    EXPECT_EQ(store.active()->version, 2);
    EXPECT_EQ(store.active()->bytes, m2);
    EXPECT_TRUE(restarted.status().last_error.empty()) << restarted.status().last_error;
}

TEST_F(StoreTest, VersionsGoUpPerKeyAndANewKeyStartsAgain) {
    auto old_key = generate_key();
    auto new_key = generate_key();
    ASSERT_TRUE(old_key && new_key);
    FakeHttp http;
    Channel channel{http};
    ManualClock clock(*parse_datetime("2020-11-09T10:00:00+08:00"));
    Store store(m_dir, 1 << 20);
    ASSERT_TRUE(store.open());
    std::string a = picture('a'), b = picture('b'), c = picture('c');
    channel.publish(manifest_for(50, {a}), old_key->private_pem, {a});
    {
        SyncEngine engine(settings_for({old_key->public_key}), store, http, clock, {});
        ASSERT_EQ(engine.poll_once(), 50);
        // The same key cannot go back.
        channel.publish(manifest_for(49, {b}), old_key->private_pem, {b});
        EXPECT_EQ(engine.poll_once(), std::nullopt);
        EXPECT_NE(engine.status().last_error.find("not newer than version 50"), std::string::npos);
    }
    // The documented rotation: the display trusts the new key only; its versions start at 1.
    channel.publish(manifest_for(1, {c}), new_key->private_pem, {c});
    SyncEngine rotated(settings_for({new_key->public_key}), store, http, clock, {});
    EXPECT_EQ(rotated.poll_once(), 1);
    EXPECT_EQ(store.floor(new_key->public_key.id), 1);
    EXPECT_EQ(store.floor(old_key->public_key.id), 50);
}

TEST_F(StoreTest, AVersionWithNothingToShowIsNotActivated) {
    ChannelRig rig;
    ASSERT_TRUE(rig.key);
    auto& [key, http, channel, clock] = rig;
    Store store(m_dir, 1 << 20);
    ASSERT_TRUE(store.open());
    std::string a = picture('a');
    channel.publish(manifest_for(1, {a}), key->private_pem, {a});
    SyncEngine engine(settings_for({key->public_key}), store, http, clock, {});
    ASSERT_EQ(engine.poll_once(), 1);
    // An empty playlist, signed.
    channel.publish(manifest_for(2, {}), key->private_pem, {});
    EXPECT_EQ(engine.poll_once(), std::nullopt);
    EXPECT_NE(engine.status().last_error.find("version 2 has nothing to show"), std::string::npos)
        << engine.status().last_error;
    // Every slide a 0x0 picture.
    std::string zero("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\0\0\0\0\0\x08\x06\0\0\0\0\0\0\0zz", 35);
    channel.publish(manifest_for(3, {zero}), key->private_pem, {zero});
    EXPECT_EQ(engine.poll_once(), std::nullopt);
    EXPECT_NE(engine.status().last_error.find("nothing to show"), std::string::npos);
    EXPECT_EQ(store.active()->version, 1);
}

TEST(Sync, ServersWithoutETagsAnswerUnchangedPollsWith304) {
    auto key = generate_key();
    ASSERT_TRUE(key);
    FakeHttp http;
    http.etags = false; // Python's http.server: Last-Modified only.
    Channel channel{http};
    ManualClock clock(*parse_datetime("2020-11-09T10:00:00+08:00"));
    auto dir = fs::temp_directory_path() / ("kiosk-ims-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    Store store(dir, 1 << 20);
    ASSERT_TRUE(store.open());
    std::string a = picture('a');
    channel.publish(manifest_for(1, {a}), key->private_pem, {a});
    SyncEngine engine(settings_for({key->public_key}), store, http, clock, {});
    ASSERT_EQ(engine.poll_once(), 1);
    http.requests.clear();
    engine.poll_once();
    ASSERT_EQ(http.requests.size(), 1u); // Answered 304: no signature, no objects.
    EXPECT_EQ(http.requests[0].if_modified_since, http.last_modified);
    fs::remove_all(dir);
}

TEST(Sync, RetryAfterIsTheLeastWaitAndBackOffIsCapped) {
    std::mt19937 random(7);
    using std::chrono::milliseconds;
    using std::chrono::seconds;
    for (int i = 0; i < 50; ++i) {
        EXPECT_GE(retry_wait(seconds{1}, 0, std::nullopt, random), milliseconds{800});
        EXPECT_LE(retry_wait(seconds{1}, 0, std::nullopt, random), milliseconds{1200});
        EXPECT_GE(retry_wait(seconds{1}, 2, std::nullopt, random), milliseconds{3200});
        EXPECT_LE(retry_wait(seconds{1}, 10, std::nullopt, random), milliseconds{12000});
        EXPECT_GE(retry_wait(seconds{1}, 1, seconds{30}, random), seconds{30});
        EXPECT_EQ(retry_wait(seconds{1}, 1, seconds{999'999}, random), seconds{3600});
    }
}

TEST(Sync, TheResultsFeedBacksOffWhileItsServerIsDownAndHonoursRetryAfter) {
    FakeHttp http;
    http.down_status = 503;
    ManualClock clock(*parse_datetime("2020-11-09T10:00:00+08:00"));
    std::vector<std::chrono::steady_clock::time_point> asked;
    struct Recording final : HttpClient {
        FakeHttp& http;
        std::vector<std::chrono::steady_clock::time_point>& asked;
        std::mutex mutex;
        Recording(FakeHttp& h, std::vector<std::chrono::steady_clock::time_point>& a)
            : http(h), asked(a) {}
        HttpResponse get(const HttpRequest& r) override {
            std::lock_guard lock(mutex);
            asked.push_back(std::chrono::steady_clock::now());
            return http.get(r);
        }
        std::size_t count() {
            std::lock_guard lock(mutex);
            return asked.size();
        }
    } recording(http, asked);
    FeedSettings settings;
    settings.url = "http://s/feeds/c/results.json";
    settings.poll_interval = std::chrono::milliseconds{20};
    settings.keep_dir = fs::temp_directory_path() / ("kiosk-feed-" + std::to_string(::getpid()));
    {
        FeedPoller feed(settings, recording, clock, {});
        feed.start();
        // Waiting for requests, not for a time: the gaps are checked from below, so a slow
        // machine only makes them longer.
        while (recording.count() < 5)
            std::this_thread::sleep_for(std::chrono::milliseconds{5});
        feed.stop();
    }
    using std::chrono::milliseconds;
    // Doubling from 20 ms with ±20% jitter: at least 32, 64, 128 and 160 ms (the cap).
    EXPECT_GE(asked[2] - asked[1], milliseconds{60});
    EXPECT_GE(asked[4] - asked[3], milliseconds{150});
    // A Retry-After of 1 s is waited for, however short the interval.
    asked.clear();
    http.retry_after = std::chrono::seconds{1};
    {
        FeedPoller feed(settings, recording, clock, {});
        feed.start();
        while (recording.count() < 2)
            std::this_thread::sleep_for(std::chrono::milliseconds{5});
        feed.stop();
    }
    EXPECT_GE(asked[1] - asked[0], milliseconds{1000});
    fs::remove_all(settings.keep_dir);
}

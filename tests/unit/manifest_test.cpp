#include "kiosk/content/manifest.hpp"
#include "kiosk/content/url.hpp"

#include <gtest/gtest.h>

using namespace kiosk;
using namespace kiosk::content;

namespace {

const std::string kSha(64, 'a');

std::string manifest_with(const std::string& slides, const std::string& playlist,
                          const std::string& extra = "") {
    return R"({"schema_version": 1, "bundle_version": 3,
      "time_zone": {"name": "Asia/Shanghai", "utc_offset": "+08:00"},
      "theme": {"header": "H", "logo": "logo.svg", "colors": {"primary": "#112233", "accent": "nope"},
                "ticker": ["一", {"text": "二"}, 3]},
      "assets": {"a.png": {"sha256": ")" +
           kSha + R"(", "size": 10, "type": "image/png"},
                 "logo.svg": {"sha256": ")" +
           kSha + R"(", "size": 10, "type": "image/svg+xml"},
                 "t.json": {"sha256": ")" +
           kSha + R"(", "size": 10, "type": "application/json"}},
      "slides": [)" +
           slides + R"(], "playlist": [)" + playlist + "]" + extra + "}";
}

} // namespace

TEST(Manifest, ParsesAllSlideKinds) {
    std::vector<Warning> w;
    auto m = parse_manifest(
        manifest_with(
            R"({"id": "p", "kind": "image", "asset": "a.png", "fit": "cover", "duration_s": 7.5, "transition": "slide"},
           {"id": "n", "kind": "text", "title": "T", "body": "B"},
           {"id": "s", "kind": "schedule", "data": "t.json"},
           {"id": "r", "kind": "results", "data": "t.json", "event": "数控车"})",
            R"("p", "n", "s", "r", "p")"),
        w);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->bundle_version, 3);
    EXPECT_EQ(m->utc_offset, std::chrono::hours{8});
    ASSERT_EQ(m->slides.size(), 4u);
    EXPECT_EQ(m->slides[0].fit, Fit::Cover);
    EXPECT_EQ(m->slides[0].duration, Duration{7500});
    EXPECT_EQ(m->slides[0].transition, Transition::Slide);
    EXPECT_EQ(m->slides[1].duration, std::chrono::seconds{10});
    EXPECT_EQ(m->slides[3].event, "数控车");
    EXPECT_EQ(m->playlist.size(), 5u);
    EXPECT_EQ(m->theme.primary, (Color{0x11, 0x22, 0x33, 255}));
    ASSERT_EQ(m->theme.ticker.size(), 2u);
    EXPECT_EQ(m->theme.ticker[0].text, "一");
    EXPECT_EQ(m->theme.ticker[1].text, "二");
    EXPECT_TRUE(m->theme.ticker[1].window.always());
    // The bad colour and the ticker item that is not a text are reported, not fatal.
    EXPECT_EQ(w.size(), 2u);
}

TEST(Manifest, ABadSlideIsSkippedWithItsFieldNamed) {
    std::vector<Warning> w;
    auto m = parse_manifest(manifest_with(
                                R"({"id": "ok", "kind": "text", "title": "T", "body": "B"},
           {"id": "bad", "kind": "image", "asset": "missing.png"},
           {"id": "bad2", "kind": "image", "asset": "a.png", "duration_s": "ten"},
           {"id": "bad3", "kind": "video", "asset": "a.png"},
           {"id": "ok", "kind": "text", "title": "dup", "body": "B"})",
                                R"("ok", "bad", "bad2", "nobody")"),
                            w);
    ASSERT_TRUE(m) << m.error().message;
    ASSERT_EQ(m->slides.size(), 1u);
    EXPECT_EQ(m->playlist, (std::vector<std::string>{"ok"}));
    std::string all;
    for (const auto& x : w)
        all += x.what + "\n";
    EXPECT_NE(
        all.find(
            "slides[1] (id \"bad\"): field \"asset\": \"missing.png\" is not listed in assets"),
        std::string::npos)
        << all;
    EXPECT_NE(all.find("field \"duration_s\""), std::string::npos) << all;
    EXPECT_NE(all.find("\"video\" is not one of"), std::string::npos) << all;
    EXPECT_NE(all.find("used twice"), std::string::npos) << all;
    EXPECT_NE(all.find("playlist[3]"), std::string::npos) << all;
}

TEST(Manifest, StructuralFaultsFailWithTheFieldNamed) {
    std::vector<Warning> w;
    auto not_json = parse_manifest("{\"schema_version\": 1,", w);
    ASSERT_FALSE(not_json);
    EXPECT_NE(not_json.error().message.find("manifest.json: not valid JSON"), std::string::npos);

    auto schema = parse_manifest(R"({"schema_version": 2})", w);
    ASSERT_FALSE(schema);
    EXPECT_NE(schema.error().message.find("\"schema_version\": 2 is not supported"),
              std::string::npos);

    auto no_tz = parse_manifest(
        R"({"schema_version": 1, "bundle_version": 1, "theme": {"header": "x"}})", w);
    ASSERT_FALSE(no_tz);
    EXPECT_NE(no_tz.error().message.find("time_zone"), std::string::npos);

    auto bad_version = parse_manifest(R"({"schema_version": 1, "bundle_version": "7"})", w);
    ASSERT_FALSE(bad_version);
    EXPECT_NE(bad_version.error().message.find("\"bundle_version\" must be a whole number"),
              std::string::npos);
}

TEST(Manifest, RefusesAssetNamesThatLeaveTheBundle) {
    std::vector<Warning> w;
    std::string text = R"({"schema_version": 1, "bundle_version": 1,
      "time_zone": {"utc_offset": "+08:00"}, "theme": {"header": "H"},
      "assets": {"../etc/passwd": {"sha256": ")" +
                       kSha + R"(", "size": 1, "type": "image/png"},
                 "/abs.png": {"sha256": ")" +
                       kSha + R"(", "size": 1, "type": "image/png"}},
      "slides": [], "playlist": []})";
    auto m = parse_manifest(text, w);
    ASSERT_TRUE(m);
    EXPECT_TRUE(m->assets.empty());
    EXPECT_EQ(w.size(), 2u);
}

TEST(Manifest, DeepOrHugeJsonIsRefusedBeforeParsing) {
    std::vector<Warning> w;
    auto deep = parse_manifest(std::string(100000, '[') + std::string(100000, ']'), w);
    ASSERT_FALSE(deep);
    EXPECT_NE(deep.error().message.find("nested deeper than 32"), std::string::npos);
    // Brackets inside strings do not count.
    auto in_string =
        parse_manifest("{\"schema_version\": 2, \"x\": \"" + std::string(100, '[') + "\"}", w);
    ASSERT_FALSE(in_string);
    EXPECT_NE(in_string.error().message.find("schema_version"), std::string::npos);
    auto huge = parse_manifest("\"" + std::string(9u << 20, 'a') + "\"", w);
    ASSERT_FALSE(huge);
    EXPECT_NE(huge.error().message.find("more than the limit"), std::string::npos);
}

TEST(Manifest, NumbersBeyondADoubleAreRefusedNotThrown) {
    std::vector<Warning> w;
    auto m = parse_manifest("{\"schema_version\": 1, \"x\": 1e400}", w);
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("manifest.json"), std::string::npos);
}

TEST(Manifest, LinksAndQrSlides) {
    std::vector<Warning> w;
    auto m = parse_manifest(manifest_with(R"({"id": "q", "kind": "qr", "link": "live"},
           {"id": "q2", "kind": "qr", "link": "nowhere"})",
                                          R"("q", "q2")",
                                          R"J(, "links": [
             {"id": "live", "title": "网上观赛通道", "url": "https://live.example.org/a?b=1",
              "caption": "扫码观看", "sample": true},
             {"id": "bad", "title": "T", "url": "javascript:alert(1)"},
             {"id": "spaces", "title": "T", "url": "https://a.example.org/x y"},
             {"id": "live", "title": "again", "url": "https://b.example.org/"},
             {"id": "x", "title": "T", "url": "https://c.example.org/", "colour": "red"}])J"),
                            w);
    ASSERT_TRUE(m) << m.error().message;
    ASSERT_EQ(m->links.size(), 1u);
    EXPECT_EQ(m->links[0].url, "https://live.example.org/a?b=1");
    EXPECT_TRUE(m->links[0].sample);
    ASSERT_EQ(m->slides.size(), 1u);
    EXPECT_EQ(m->slides[0].kind, SlideKind::Qr);
    EXPECT_EQ(m->slides[0].link, "live");
    EXPECT_EQ(m->playlist, (std::vector<std::string>{"q"}));
    std::string all;
    for (const auto& x : w)
        all += x.what + "\n";
    EXPECT_NE(all.find("links[1]: field \"url\""), std::string::npos) << all;
    EXPECT_NE(all.find("links[2]: field \"url\""), std::string::npos) << all;
    EXPECT_NE(all.find("\"live\" is used twice"), std::string::npos) << all;
    EXPECT_NE(all.find("unknown field \"colour\""), std::string::npos) << all;
    EXPECT_NE(all.find("\"nowhere\" is not one of the links"), std::string::npos) << all;
    EXPECT_FALSE(check_link_url("https://" + std::string(300, 'a') + ".org"));
    EXPECT_FALSE(check_link_url("https://"));
    EXPECT_TRUE(check_link_url("http://a.example.org/路径")); // UTF-8 is kept as it is.
}

TEST(Manifest, ARepeatedKeyIsRefusedAtAnyDepth) {
    std::vector<Warning> w;
    auto top =
        parse_manifest(R"({"schema_version": 1, "bundle_version": 2, "bundle_version": 9})", w);
    ASSERT_FALSE(top);
    EXPECT_NE(top.error().message.find("the key \"bundle_version\" appears twice"),
              std::string::npos)
        << top.error().message;
    auto inner = parse_manifest(
        R"({"schema_version": 1, "theme": {"colors": {"text": "#FFF", "text": "#000"}}})", w);
    ASSERT_FALSE(inner);
    EXPECT_NE(inner.error().message.find("\"text\" appears twice"), std::string::npos);
    // The same key in two different objects is fine.
    auto siblings =
        parse_manifest(R"({"schema_version": 2, "a": {"k": 1}, "b": [{"k": 1}, {"k": 2}]})", w);
    ASSERT_FALSE(siblings);
    EXPECT_NE(siblings.error().message.find("schema_version"), std::string::npos)
        << siblings.error().message;
}

TEST(Manifest, AWholeNumberBeyondInt64IsTooLargeNotNegative) {
    std::vector<Warning> w;
    auto m = parse_manifest(R"({"schema_version": 1, "bundle_version": 18446744073709551615})", w);
    ASSERT_FALSE(m);
    EXPECT_NE(m.error().message.find("field \"bundle_version\" is too large"), std::string::npos)
        << m.error().message;
}

TEST(Url, LinksAreParsedByTheUrlApiNotAPattern) {
    for (const char* bad :
         {"https://[::1/x", "https://exa<mple>.org/%zz", "http://:@/", "https://example.org/%zz",
          "ftp://example.org/", "https://exa mple.org/", "https://"}) {
        auto r = check_link_url(bad);
        EXPECT_FALSE(r) << bad;
    }
    for (const char* good : {"https://live.example.org/weifang-2020/skills", "http://[::1]:8080/x",
                             "https://例子.中国/展览?id=3#top", "https://example.org/a%20b"})
        EXPECT_TRUE(check_link_url(good)) << good << ": " << check_link_url(good).error().message;
}

TEST(Url, PathsAreJoinedUnderTheWebRoot) {
    EXPECT_EQ(*join_url("http://127.0.0.1:8080", "channels/a/manifest.json"),
              "http://127.0.0.1:8080/channels/a/manifest.json");
    EXPECT_EQ(*join_url("https://cdn.example/kiosk", "objects/ab"),
              "https://cdn.example/kiosk/objects/ab");
    EXPECT_EQ(*join_url("https://cdn.example/kiosk/", "objects/ab"),
              "https://cdn.example/kiosk/objects/ab");
    // A server with a query or a fragment is refused where it is configured; never joined after
    // the query.
    EXPECT_FALSE(check_server_url("https://cdn.example/kiosk?token=1"));
    EXPECT_FALSE(check_server_url("https://cdn.example/kiosk#x"));
    EXPECT_TRUE(check_server_url("https://cdn.example/kiosk/"));
    EXPECT_EQ(*join_url("https://cdn.example/kiosk/?t=1", "objects/ab"),
              "https://cdn.example/kiosk/objects/ab");
}

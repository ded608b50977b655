// Tests of the SDL-backed layers that need no display: the font, image decoding and the caches.
#include "../support/code_page.hpp"
#include "kiosk/content/bundle.hpp"
#include "kiosk/media/font_set.hpp"
#include "kiosk/media/image_loader.hpp"
#include "kiosk/platform/sdl_session.hpp"
#include "kiosk/render/sdl_renderer.hpp"
#include "kiosk/render/texture_cache.hpp"
#include "kiosk/text/utf8.hpp"

#include <SDL.h>
#include <SDL_image.h>
#include <gtest/gtest.h>
#include <iconv.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

const fs::path kRoot = KIOSK_SOURCE_DIR;

class SdlEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        ASSERT_EQ(SDL_Init(SDL_INIT_EVENTS), 0) << SDL_GetError();
        IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP);
    }
    void TearDown() override {
        IMG_Quit();
        SDL_Quit();
    }
};
const auto* const g_env = ::testing::AddGlobalTestEnvironment(new SdlEnvironment);

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::unique_ptr<media::FontSet> font() {
    auto f = media::FontSet::open(kRoot / "fonts" / "kiosk-cjk.ttf");
    EXPECT_TRUE(f) << f.error().message;
    return f ? std::move(*f) : nullptr;
}

std::string missing_list(const media::FontSet& f, const std::set<char32_t>& chars, int& count) {
    std::string out;
    count = 0;
    for (char32_t c : chars) {
        std::string one;
        text::append_utf8(one, c);
        if (c < 0x20 || c == 0x7F || f.missing(one).empty())
            continue;
        ++count;
        if (count < 40)
            text::append_utf8(out, c);
    }
    return out;
}

} // namespace

TEST(Font, CoversAllOfGb2312) {
    auto f = font();
    ASSERT_TRUE(f);
    auto gb2312 = test::code_page("GB2312", 0xA1, 0xF7, 0xA1, 0xFE);
    EXPECT_GT(gb2312.size(), 7400u);
    int n = 0;
    auto list = missing_list(*f, gb2312, n);
    EXPECT_EQ(n, 0) << "missing: " << list;
}

TEST(Font, CoversEveryGbkIdeograph) {
    auto f = font();
    ASSERT_TRUE(f);
    auto gbk = test::code_page("GBK", 0x81, 0xFE, 0x40, 0xFE);
    std::set<char32_t> ideographs;
    for (char32_t c : gbk)
        if (c >= 0x4E00 && c <= 0x9FFF)
            ideographs.insert(c);
    EXPECT_GT(ideographs.size(), 20000u);
    int n = 0;
    auto list = missing_list(*f, ideographs, n);
    EXPECT_EQ(n, 0) << "missing: " << list;
}

TEST(Font, HasEveryCharacterOfTheSampleContentAndTheScreens) {
    auto f = font();
    ASSERT_TRUE(f);
    std::set<char32_t> chars;
    std::vector<fs::path> files = {kRoot / "content" / "manifest.json"};
    for (const auto& e : fs::recursive_directory_iterator(kRoot / "content"))
        if (e.path().extension() == ".json")
            files.push_back(e.path());
    // The words the screens themselves draw (badges, headings, footers).
    for (const auto& e : fs::directory_iterator(kRoot / "kiosk" / "ui"))
        files.push_back(e.path());
    for (const auto& p : files)
        for (char32_t c : text::decode_utf8(read(p)))
            if (c >= 0x80)
                chars.insert(c);
    EXPECT_GT(chars.size(), 300u);
    int n = 0;
    auto list = missing_list(*f, chars, n);
    EXPECT_EQ(n, 0) << "missing: " << list;
}

TEST(Font, AdvancesAddUpToTheRenderedWidth) {
    auto f = font();
    ASSERT_TRUE(f);
    std::string line = "人人出彩，技能强国 2020";
    text::Style st{40, false};
    auto surface = f->render(line, st, Color{255, 255, 255, 255});
    ASSERT_TRUE(surface);
    const int measured = text::measure(line, *f, st);
    // The picture is as wide as measured, with room on the right for a glyph's overhang.
    EXPECT_GE(surface->w, measured);
    EXPECT_LE(surface->w, measured + st.px / 8);
    EXPECT_EQ(surface->h, f->line_height(st));
}

TEST(Images, SniffsFormatsByContentNotName) {
    using namespace std::literals;
    EXPECT_EQ(media::sniff_format("\xFF\xD8\xFF\xE0"), media::ImageFormat::Jpeg);
    EXPECT_EQ(media::sniff_format("\x89PNG\r\n\x1A\n...."), media::ImageFormat::Png);
    EXPECT_EQ(media::sniff_format("RIFF\x10\0\0\0WEBPVP8 "sv), media::ImageFormat::Webp);
    EXPECT_EQ(media::sniff_format("\xEF\xBB\xBF  <svg xmlns=\"\">"), media::ImageFormat::Svg);
    EXPECT_EQ(media::sniff_format("<?xml version=\"1.0\"?><svg>"), media::ImageFormat::Svg);
    EXPECT_EQ(media::sniff_format("GIF89a"), media::ImageFormat::Unknown);
    EXPECT_EQ(media::sniff_format(""), media::ImageFormat::Unknown);
}

TEST(Images, EverySamplePosterDecodesScaledToItsArea) {
    auto bundle = content::load_bundle(kRoot / "content");
    ASSERT_TRUE(bundle) << bundle.error().message;
    EXPECT_TRUE((*bundle)->problems.empty());
    std::set<std::string> kinds;
    int portrait = 0;
    for (const auto& s : (*bundle)->manifest.slides) {
        if (s.kind != content::SlideKind::Image)
            continue;
        auto type = (*bundle)->manifest.assets.at(s.asset).type;
        kinds.insert(type);
        Size area{1920, 896};
        auto d = media::decode_image({s.asset, (*bundle)->asset_path(s.asset), type, area, s.fit});
        ASSERT_TRUE(d.surface) << d.error;
        if (s.fit == Fit::Contain) {
            EXPECT_LE(d.surface->w, area.w + 1) << s.asset;
            EXPECT_LE(d.surface->h, area.h + 1) << s.asset;
        }
        SDL_Surface* natural = IMG_Load((*bundle)->asset_path(s.asset).c_str());
        ASSERT_NE(natural, nullptr);
        portrait += natural->h > natural->w;
        SDL_FreeSurface(natural);
    }
    EXPECT_EQ(kinds,
              (std::set<std::string>{"image/jpeg", "image/png", "image/webp", "image/svg+xml"}));
    EXPECT_GE(portrait, 1);
}

TEST(Images, SvgIsDrawnAgainAtTheSizeItIsShown) {
    auto logo = kRoot / "assets" / "logo.svg";
    auto d = media::decode_image({"logo", logo, "image/svg+xml", {1000, 1000}, Fit::Contain});
    ASSERT_TRUE(d.surface) << d.error;
    EXPECT_EQ(std::max(d.surface->w, d.surface->h), 1000);
}

class BadImages : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("kiosk-media-test-" + std::to_string(::getpid()));
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path write(const std::string& name, const std::string& bytes) {
        std::ofstream(m_dir / name, std::ios::binary) << bytes;
        return m_dir / name;
    }
    fs::path m_dir;
};

TEST_F(BadImages, EachFailureNamesTheFileAndTheReason) {
    std::string png = read(kRoot / "content" / "posters" / "epidemic.png");
    auto renamed = write("photo.jpg", png);
    auto d1 = media::decode_image({"k", renamed, "image/jpeg", {100, 100}, Fit::Contain});
    EXPECT_FALSE(d1.surface);
    EXPECT_EQ(d1.error, "photo.jpg: the file is image/png but the manifest says image/jpeg");

    auto garbage = write("noise.png", std::string(4096, '\x42'));
    auto d2 = media::decode_image({"k", garbage, "image/png", {100, 100}, Fit::Contain});
    EXPECT_FALSE(d2.surface);
    EXPECT_EQ(d2.error, "noise.png: not a JPEG, PNG, WebP or SVG image");

    auto truncated = write("cut.png", png.substr(0, png.size() / 3));
    auto d3 = media::decode_image({"k", truncated, "image/png", {100, 100}, Fit::Contain});
    EXPECT_FALSE(d3.surface);
    EXPECT_NE(d3.error.find("cut.png: cannot be decoded"), std::string::npos) << d3.error;

    auto d4 =
        media::decode_image({"k", m_dir / "absent.webp", "image/webp", {100, 100}, Fit::Contain});
    EXPECT_FALSE(d4.surface);
    EXPECT_EQ(d4.error, "absent.webp: cannot be opened");
}

TEST(ImageLoader, DecodesOnTheWorkerAndWakesTheCaller) {
    std::atomic<int> wakes{0};
    media::ImageLoader loader([&] { ++wakes; });
    auto posters = kRoot / "content" / "posters";
    loader.request({"a", posters / "epidemic.png", "image/png", {400, 400}, Fit::Contain});
    loader.request({"b", posters / "launch.jpg", "image/jpeg", {400, 400}, Fit::Cover});
    loader.request({"b",
                    posters / "launch.jpg",
                    "image/jpeg",
                    {400, 400},
                    Fit::Cover}); // Deduplicated if still queued.
    loader.wait_idle();
    auto done = loader.drain();
    ASSERT_GE(done.size(), 2u);
    std::set<std::string> keys;
    for (const auto& d : done) {
        EXPECT_TRUE(d.surface) << d.error;
        keys.insert(d.key);
    }
    EXPECT_EQ(keys, (std::set<std::string>{"a", "b"}));
    EXPECT_EQ(wakes.load(), static_cast<int>(done.size()));
    EXPECT_TRUE(loader.drain().empty());
}

namespace {

// A software renderer of its own, to make textures for a cache (made before the cache, so
// destroyed after it).
class TextureMaker {
public:
    TextureMaker()
        : m_target(SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888)),
          m_renderer(m_target ? SDL_CreateSoftwareRenderer(m_target.get()) : nullptr) {}
    ~TextureMaker() {
        if (m_renderer != nullptr)
            SDL_DestroyRenderer(m_renderer);
    }
    TextureMaker(const TextureMaker&) = delete;
    TextureMaker& operator=(const TextureMaker&) = delete;
    bool ready() const { return m_renderer != nullptr; }
    media::TexturePtr operator()() const {
        return media::TexturePtr(SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_ARGB8888,
                                                   SDL_TEXTUREACCESS_STATIC, 16, 16));
    }

private:
    media::SurfacePtr m_target;
    SDL_Renderer* m_renderer;
};

// Asks for `asset` at `area` and takes it in once the worker has decoded it.
void decode_now(render::SdlRenderer& renderer, media::ImageLoader& loader, const std::string& asset,
                Size area) {
    while (renderer.image_state(asset, area, Fit::Contain) == content::Readiness::Pending) {
        loader.wait_idle();
        renderer.accept_decoded();
    }
}

} // namespace

TEST(TextureCache, EvictsLeastRecentlyUsedButNeverWhatIsOnScreen) {
    TextureMaker tex;
    ASSERT_TRUE(tex.ready());
    {
        render::TextureCache cache(3 * 1024);
        cache.put("a", tex(), 1024, 1, 1);
        cache.put("b", tex(), 1024, 1, 1);
        cache.put("c", tex(), 1024, 1, 1);
        EXPECT_NE(cache.get("a", 2), nullptr); // "a" is now the most recent.
        cache.put("d", tex(), 1024, 2, 2);
        EXPECT_FALSE(cache.contains("b"));
        EXPECT_TRUE(cache.contains("a") && cache.contains("c") && cache.contains("d"));
        EXPECT_EQ(cache.bytes(), 3u * 1024);
        // All on screen in frame 3: going over budget beats a missing picture.
        cache.get("a", 3);
        cache.get("c", 3);
        cache.get("d", 3);
        cache.put("e", tex(), 1024, 3, 3);
        EXPECT_EQ(cache.size(), 4u);
        // The next frame uses only "e": the others go.
        cache.get("e", 4);
        cache.put("f", tex(), 1024, 4, 4);
        EXPECT_LE(cache.bytes(), 3u * 1024);
        EXPECT_TRUE(cache.contains("e") && cache.contains("f"));
        // Prefetched (not yet shown) textures are evictable at once, oldest first.
        cache.put("g", tex(), 1024, 0, 5);
        cache.put("h", tex(), 1024, 0, 5);
        EXPECT_LE(cache.bytes(), 3u * 1024);
        EXPECT_TRUE(cache.contains("h"));
    }
}

TEST(TextureCache, MakesRoomBeforeANewPictureIsMade) {
    TextureMaker tex;
    ASSERT_TRUE(tex.ready());
    {
        render::TextureCache cache(3 * 1024);
        cache.put("a", tex(), 1024, 1, 1);
        cache.put("b", tex(), 1024, 2, 2);
        cache.put("c", tex(), 1024, 3, 3);
        cache.get("b", 3); // "b" and "c" are on screen in frame 3; "a" is the one to go.
        cache.make_room(1024, 3);
        EXPECT_FALSE(cache.contains("a"));
        EXPECT_TRUE(cache.contains("b") && cache.contains("c"));
        EXPECT_EQ(cache.bytes(), 2u * 1024);
        // Room enough already: nothing goes.
        cache.make_room(1024, 3);
        EXPECT_EQ(cache.size(), 2u);
        // Nothing but what is on screen: nothing goes, the new picture goes over the budget.
        cache.make_room(3 * 1024, 3);
        EXPECT_EQ(cache.size(), 2u);
        // Once they are off screen, room is made for a picture of the whole budget.
        cache.make_room(3 * 1024, 4);
        EXPECT_EQ(cache.bytes(), 0u);
    }
}

TEST(Platform, OnlyWindowEventsThatLoseThePictureRedraw) {
    for (auto e : {SDL_WINDOWEVENT_SHOWN, SDL_WINDOWEVENT_EXPOSED, SDL_WINDOWEVENT_SIZE_CHANGED,
                   SDL_WINDOWEVENT_RESTORED})
        EXPECT_TRUE(platform::window_event_needs_redraw(static_cast<std::uint8_t>(e))) << e;
    for (auto e : {SDL_WINDOWEVENT_FOCUS_GAINED, SDL_WINDOWEVENT_FOCUS_LOST, SDL_WINDOWEVENT_ENTER,
                   SDL_WINDOWEVENT_LEAVE, SDL_WINDOWEVENT_MOVED, SDL_WINDOWEVENT_TAKE_FOCUS})
        EXPECT_FALSE(platform::window_event_needs_redraw(static_cast<std::uint8_t>(e))) << e;
}

TEST(Images, OpaquePicturesHaveNoAlphaChannel) {
    // A JPEG is opaque by nature; the sample's logo (SVG) has a transparent background.
    auto jpeg = media::decode_image({"j",
                                     kRoot / "content" / "posters" / "launch.jpg",
                                     "image/jpeg",
                                     {400, 400},
                                     Fit::Contain});
    ASSERT_TRUE(jpeg.surface) << jpeg.error;
    EXPECT_EQ(jpeg.surface->format->format, SDL_PIXELFORMAT_RGB888);
    auto svg = media::decode_image(
        {"s", kRoot / "assets" / "logo.svg", "image/svg+xml", {200, 200}, Fit::Contain});
    ASSERT_TRUE(svg.surface) << svg.error;
    EXPECT_EQ(svg.surface->format->format, SDL_PIXELFORMAT_ARGB8888);
}

TEST(Images, OpacityIsReadFromThePixels) {
    media::SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, 8, 4, 32, SDL_PIXELFORMAT_ARGB8888));
    ASSERT_TRUE(s);
    SDL_FillRect(s.get(), nullptr, SDL_MapRGBA(s->format, 10, 20, 30, 255));
    EXPECT_TRUE(media::is_opaque(s.get()));
    static_cast<Uint32*>(s->pixels)[3 * s->pitch / 4 + 7] = 0x80102030; // The last pixel.
    EXPECT_FALSE(media::is_opaque(s.get()));
    auto kept = media::to_picture_format(std::move(s));
    EXPECT_EQ(kept->format->format, SDL_PIXELFORMAT_ARGB8888);

    media::SurfacePtr o(SDL_CreateRGBSurfaceWithFormat(0, 8, 4, 32, SDL_PIXELFORMAT_ARGB8888));
    SDL_FillRect(o.get(), nullptr, SDL_MapRGBA(o->format, 10, 20, 30, 255));
    auto rgb = media::to_picture_format(std::move(o));
    ASSERT_TRUE(rgb);
    EXPECT_EQ(rgb->format->format, SDL_PIXELFORMAT_RGB888);
    Uint8 r = 0, g = 0, b = 0;
    SDL_GetRGB(static_cast<Uint32*>(rgb->pixels)[0], rgb->format, &r, &g, &b);
    EXPECT_EQ((std::array<int, 3>{r, g, b}), (std::array<int, 3>{10, 20, 30}));
    media::SurfacePtr rgb24(SDL_CreateRGBSurfaceWithFormat(0, 2, 2, 24, SDL_PIXELFORMAT_RGB24));
    EXPECT_TRUE(media::is_opaque(rgb24.get()));
}

namespace {

std::array<int, 3> pixel_of(SDL_Surface* s, int x, int y) {
    Uint8 c[3];
    SDL_GetRGB(static_cast<Uint32*>(s->pixels)[y * s->pitch / 4 + x], s->format, &c[0], &c[1],
               &c[2]);
    return {c[0], c[1], c[2]};
}

::testing::AssertionResult near(std::array<int, 3> a, std::array<int, 3> b) {
    for (std::size_t i = 0; i < 3; ++i)
        if (std::abs(a[i] - b[i]) > 2)
            return ::testing::AssertionFailure() << a[0] << "," << a[1] << "," << a[2] << " is not "
                                                 << b[0] << "," << b[1] << "," << b[2];
    return ::testing::AssertionSuccess();
}

// A software renderer drawing into a surface of its own, and an SdlRenderer on it.
class SoftwareFrame {
public:
    SoftwareFrame(int w, int h, Uint32 format)
        : m_fonts(media::FontSet::open(kRoot / "fonts" / "kiosk-cjk.ttf")),
          m_target(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, format)),
          m_sdl(m_target ? SDL_CreateSoftwareRenderer(m_target.get()) : nullptr) {
        if (m_fonts && m_sdl != nullptr)
            m_renderer.emplace(m_sdl, **m_fonts, m_loader);
    }
    SoftwareFrame(const SoftwareFrame&) = delete;
    SoftwareFrame& operator=(const SoftwareFrame&) = delete;
    ~SoftwareFrame() {
        m_renderer.reset(); // Its textures before their renderer.
        if (m_sdl != nullptr)
            SDL_DestroyRenderer(m_sdl);
    }
    bool ready() const { return m_renderer.has_value(); }
    render::SdlRenderer& renderer() { return *m_renderer; }
    SDL_Surface* target() { return m_target.get(); }

private:
    Result<std::unique_ptr<media::FontSet>> m_fonts;
    media::SurfacePtr m_target;
    SDL_Renderer* m_sdl;
    media::ImageLoader m_loader{[] {}};
    std::optional<render::SdlRenderer> m_renderer;
};

} // namespace

TEST(SdlRenderer, FillsBlendTheSameLargeOrSmall) {
    SoftwareFrame f(640, 360, SDL_PIXELFORMAT_ARGB8888);
    ASSERT_TRUE(f.ready());
    auto& renderer = f.renderer();
    ui::DrawList list{{640, 360}, {}};
    list.cmds.emplace_back(ui::FillCmd{{0, 0, 640, 360}, Color{200, 0, 0, 255}});
    // Large (drawn in tiles) and small (SDL's own blend), both half over the red.
    list.cmds.emplace_back(ui::FillCmd{{0, 0, 600, 300}, Color{0, 0, 200, 128}});
    list.cmds.emplace_back(ui::FillCmd{{610, 310, 20, 20}, Color{0, 0, 200, 128}});
    // An opaque fill after them is opaque.
    list.cmds.emplace_back(ui::FillCmd{{0, 340, 100, 20}, Color{0, 200, 0, 255}});
    renderer.draw(list);
    renderer.present();
    auto pixel = [&](int x, int y) { return pixel_of(f.target(), x, y); };
    EXPECT_TRUE(near(pixel(5, 5), {100, 0, 100}));
    EXPECT_TRUE(near(pixel(599, 299), {100, 0, 100}));
    EXPECT_TRUE(near(pixel(615, 315), {100, 0, 100}));
    EXPECT_TRUE(near(pixel(620, 5), {200, 0, 0})); // Outside both.
    EXPECT_TRUE(near(pixel(50, 350), {0, 200, 0}));
}

TEST(SdlRenderer, LayersFadeAsOnePictureCutToTheirArea) {
    SoftwareFrame f(640, 360, SDL_PIXELFORMAT_ARGB8888);
    ASSERT_TRUE(f.ready());
    auto& renderer = f.renderer();
    auto frame = [&](double alpha) {
        ui::DrawList list{{640, 360}, {}};
        list.cmds.emplace_back(ui::FillCmd{{0, 0, 640, 360}, Color{200, 0, 0, 255}});
        auto layer = ui::begin_layer(list, {0, 0, 320, 300}, alpha);
        // Blue, a white square on it, and a fill reaching out of the layer's area.
        list.cmds.emplace_back(ui::FillCmd{{0, 0, 320, 200}, Color{0, 0, 200, 255}});
        list.cmds.emplace_back(ui::FillCmd{{100, 100, 50, 50}, Color{255, 255, 255, 255}});
        list.cmds.emplace_back(ui::FillCmd{{0, 250, 400, 100}, Color{0, 200, 0, 255}});
        ui::end_layer(list, layer);
        EXPECT_EQ(renderer.draw(list), 0);
        renderer.present();
    };
    frame(0.5);
    auto px = [&](int x, int y) { return pixel_of(f.target(), x, y); };
    EXPECT_TRUE(near(px(5, 5), {100, 0, 100}));
    // Half white over the red: the white square does not show the blue under it.
    EXPECT_TRUE(near(px(120, 120), {228, 128, 128}));
    // The layer's own background is black where nothing is drawn into it.
    EXPECT_TRUE(near(px(5, 220), {100, 0, 0}));
    EXPECT_TRUE(near(px(5, 280), {100, 100, 0}));
    // Cut to the area: outside it the red stays.
    EXPECT_TRUE(near(px(350, 280), {200, 0, 0}));
    EXPECT_TRUE(near(px(5, 320), {200, 0, 0}));
    EXPECT_EQ(renderer.layers(), 1u);
    frame(0.75); // The same layer at another alpha, drawn from the kept picture.
    EXPECT_TRUE(near(px(5, 5), {50, 0, 150}));
    EXPECT_TRUE(near(px(120, 120), {241, 191, 191}));
    EXPECT_EQ(renderer.layers(), 1u);
    frame(1.0); // Opaque: drawn straight onto the frame, cut all the same.
    EXPECT_TRUE(near(px(5, 5), {0, 0, 200}));
    EXPECT_TRUE(near(px(350, 280), {200, 0, 0}));
    EXPECT_TRUE(near(px(5, 220), {0, 0, 0}));
    // The fade is over: its picture's memory goes back (the next one is drawn ahead).
    EXPECT_EQ(renderer.layers(), 0u);
}

TEST(SdlRenderer, FadesOnlyWhereTheSlidesCanDiffer) {
    SoftwareFrame f(640, 360, SDL_PIXELFORMAT_RGB888);
    ASSERT_TRUE(f.ready());
    auto& renderer = f.renderer();
    const Rect area{0, 40, 640, 280};
    const Color bg{26, 26, 26, 255};
    auto frame = [&](Color incoming_bg, bool items) {
        ui::DrawList list{{640, 360}, {}};
        list.cmds.emplace_back(ui::FillCmd{area, bg});
        if (items) // The outgoing slide's item.
            list.cmds.emplace_back(ui::FillCmd{{100, 60, 50, 50}, Color{0, 200, 0, 255}});
        auto layer = ui::begin_layer(list, area, 0.5);
        list.cmds.emplace_back(ui::FillCmd{area, incoming_bg});
        if (items) // The incoming one's.
            list.cmds.emplace_back(ui::FillCmd{{300, 200, 40, 20}, Color{0, 0, 200, 255}});
        ui::end_layer(list, layer);
        list.cmds.emplace_back(ui::FillCmd{{0, 0, 640, 40}, Color{200, 0, 0, 255}});
        renderer.draw(list);
        renderer.present();
    };
    frame(bg, true);
    EXPECT_EQ(renderer.last_fade_extent(), (Rect{100, 60, 240, 160}));
    auto px = [&](int x, int y) { return pixel_of(f.target(), x, y); };
    EXPECT_TRUE(near(px(120, 80), {13, 113, 13}));
    EXPECT_TRUE(near(px(320, 210), {13, 13, 113}));
    EXPECT_TRUE(near(px(600, 300), {26, 26, 26}));
    frame(Color{200, 200, 200, 255}, true); // Another background: all of the area fades.
    EXPECT_EQ(renderer.last_fade_extent(), area);
    EXPECT_TRUE(near(px(600, 300), {113, 113, 113}));
    frame(bg, false); // The same background and nothing on it: nothing to lay.
    EXPECT_TRUE(renderer.last_fade_extent().empty());
    EXPECT_TRUE(near(px(600, 300), {26, 26, 26}));
}

TEST(SdlRenderer, ClearsOnlyWhatOpaqueBandsLeaveUncovered) {
    SoftwareFrame f(320, 200, SDL_PIXELFORMAT_ARGB8888);
    ASSERT_TRUE(f.ready());
    auto& renderer = f.renderer();
    auto px = [&](int x, int y) { return pixel_of(f.target(), x, y); };
    auto draw = [&](std::vector<ui::DrawCmd> cmds) {
        renderer.draw({{320, 200}, std::move(cmds)});
        renderer.present();
    };
    const Color green{0, 200, 0, 255};
    const Color blue{0, 0, 200, 255};
    draw({ui::FillCmd{{0, 0, 320, 200}, green}});
    // Bands with a one-row gap, a translucent one and one short of the width: the frame
    // before must not show through any of them.
    draw({ui::FillCmd{{0, 0, 320, 100}, blue}, ui::FillCmd{{0, 101, 320, 99}, blue}});
    EXPECT_TRUE(near(px(5, 100), {0, 0, 0}));
    draw({ui::FillCmd{{0, 0, 320, 200}, Color{0, 0, 200, 128}}});
    EXPECT_TRUE(near(px(5, 5), {0, 0, 100}));
    draw({ui::FillCmd{{0, 0, 320, 120}, blue}, ui::FillCmd{{1, 120, 319, 80}, blue}});
    EXPECT_TRUE(near(px(0, 150), {0, 0, 0}));
    // Covered in any order, with a layer between them: nothing of the frame before is left.
    draw({ui::FillCmd{{0, 0, 320, 200}, green}});
    ui::DrawList list{{320, 200}, {}};
    list.cmds.emplace_back(ui::FillCmd{{0, 80, 320, 120}, blue});
    auto layer = ui::begin_layer(list, {0, 0, 320, 200}, 0.5);
    list.cmds.emplace_back(ui::FillCmd{{0, 0, 320, 200}, Color{200, 0, 0, 255}});
    ui::end_layer(list, layer);
    list.cmds.emplace_back(ui::FillCmd{{0, 0, 320, 80}, blue});
    renderer.draw(list);
    renderer.present();
    EXPECT_TRUE(near(px(5, 5), {0, 0, 200}));
    EXPECT_TRUE(near(px(5, 150), {100, 0, 100}));
}

TEST(SdlRenderer, RedrawsOnlyWhatChangedUntilThePictureIsLost) {
    SoftwareFrame f(640, 360, SDL_PIXELFORMAT_RGB888);
    ASSERT_TRUE(f.ready());
    auto& renderer = f.renderer();
    auto px = [&](int x, int y) { return pixel_of(f.target(), x, y); };
    const Color grey{40, 40, 40, 255};
    auto frame = [&](const std::string& clock, Color band) {
        ui::DrawList list{{640, 360}, {}};
        list.cmds.emplace_back(ui::FillCmd{{0, 0, 640, 300}, grey});
        list.cmds.emplace_back(ui::FillCmd{{0, 300, 640, 60}, band});
        list.cmds.emplace_back(ui::TextCmd{clock, {24, true}, 500, 10, Color{255, 255, 255, 255}});
        EXPECT_EQ(renderer.draw(list), 0);
        renderer.present();
    };
    frame("10:30", grey);
    EXPECT_EQ(renderer.partial_frames(), 0u);
    // A mark the next frames must leave alone if they draw only what changed.
    SDL_FillRect(f.target(), nullptr, 0);
    static_cast<Uint32*>(f.target()->pixels)[5 * f.target()->pitch / 4 + 5] = 0x00FF00;
    frame("10:31", grey); // The clock alone changed.
    EXPECT_EQ(renderer.partial_frames(), 1u);
    EXPECT_TRUE(near(px(5, 5), {0, 255, 0}));
    EXPECT_TRUE(near(px(490, 5), {0, 0, 0}));
    // The clock's rectangle, old and new, was drawn again: grey around its digits.
    bool white = false;
    for (int x = 500; x < 560; ++x)
        white = white || near(px(x, 22), {255, 255, 255});
    EXPECT_TRUE(white);
    EXPECT_TRUE(near(px(501, 11), {40, 40, 40}));
    frame("10:31", grey); // Nothing changed: nothing drawn.
    EXPECT_EQ(renderer.partial_frames(), 2u);
    EXPECT_TRUE(near(px(5, 5), {0, 255, 0}));
    frame("10:31", Color{0, 0, 200, 255}); // A band of a sixth: still in part.
    EXPECT_EQ(renderer.partial_frames(), 3u);
    EXPECT_TRUE(near(px(5, 330), {0, 0, 200}));
    EXPECT_TRUE(near(px(5, 5), {0, 255, 0}));
    renderer.invalidate(); // The window lost its picture: all of it is drawn.
    frame("10:31", Color{0, 0, 200, 255});
    EXPECT_EQ(renderer.partial_frames(), 3u);
    EXPECT_TRUE(near(px(5, 5), {40, 40, 40}));
}

TEST(TextureCache, ImageBudgetFollowsTheScreen) {
    EXPECT_EQ(render::budgets_for({1920, 1080}).image_bytes, 2u * 1920 * 1080 * 4);
    EXPECT_EQ(render::budgets_for({3840, 2160}).image_bytes, 2u * 3840 * 2160 * 4);
    EXPECT_EQ(render::budgets_for({320, 180}).image_bytes, 8u << 20); // A floor for small ones.
    EXPECT_EQ(render::budgets_for({8192, 8192}).image_bytes, render::Budgets{}.image_bytes);
    EXPECT_EQ(render::budgets_for({1920, 1080}).text_bytes, render::Budgets{}.text_bytes);
}

TEST(SdlRenderer, KeepsFewPicturesButRemembersWhichDecoded) {
    auto bundle = content::load_bundle(kRoot / "content");
    ASSERT_TRUE(bundle) << bundle.error().message;
    auto fonts = media::FontSet::open(kRoot / "fonts" / "kiosk-cjk.ttf");
    ASSERT_TRUE(fonts) << fonts.error().message;
    media::SurfacePtr target(
        SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_ARGB8888));
    SDL_Renderer* r = SDL_CreateSoftwareRenderer(target.get());
    ASSERT_NE(r, nullptr);
    {
        media::ImageLoader loader([] {});
        // Room for one picture of 400x400 at most.
        render::SdlRenderer renderer(r, **fonts, loader, {400 * 400 * 4, 1 << 20});
        renderer.set_bundle(*bundle);
        const Size area{400, 400};
        auto settle = [&](const std::string& asset) { decode_now(renderer, loader, asset, area); };
        settle("posters/launch.jpg");
        EXPECT_TRUE(renderer.decoded_before("posters/launch.jpg", area, Fit::Contain));
        EXPECT_FALSE(renderer.decoded_before("posters/theme.jpg", area, Fit::Contain));
        settle("posters/theme.jpg"); // Pushes the first one out of the cache.
        EXPECT_LE(renderer.image_bytes(), 400u * 400 * 4);
        EXPECT_EQ(renderer.image_state("posters/launch.jpg", area, Fit::Contain),
                  content::Readiness::Pending); // Asked for again.
        EXPECT_TRUE(renderer.decoded_before("posters/launch.jpg", area, Fit::Contain));
        EXPECT_FALSE(renderer.decoded_before("posters/launch.jpg", {200, 200}, Fit::Contain));
        loader.wait_idle();
        // Pictures are known by their content: a new version with the same poster keeps it.
        renderer.set_bundle(*bundle);
        EXPECT_TRUE(renderer.decoded_before("posters/theme.jpg", area, Fit::Contain));
    }
    SDL_DestroyRenderer(r);
}

TEST(SdlRenderer, APictureOfTheSameSizeTakesTheTextureOfTheOneItPushesOut) {
    auto bundle = content::load_bundle(kRoot / "content");
    ASSERT_TRUE(bundle) << bundle.error().message;
    auto fonts = media::FontSet::open(kRoot / "fonts" / "kiosk-cjk.ttf");
    ASSERT_TRUE(fonts) << fonts.error().message;
    const Size area{400, 400};
    // Both 1920x1080: 400x225 here. theme.jpg is 1800x1200: 400x267.
    const std::string first = "posters/launch.jpg";
    const std::string same_size = "posters/provincial-competition.webp";
    const std::string other_size = "posters/theme.jpg";
    auto shot = [&](const std::vector<std::string>& assets, std::uint64_t& reused) {
        media::SurfacePtr target(
            SDL_CreateRGBSurfaceWithFormat(0, 400, 400, 32, SDL_PIXELFORMAT_RGB888));
        SDL_Renderer* r = SDL_CreateSoftwareRenderer(target.get());
        EXPECT_NE(r, nullptr);
        {
            media::ImageLoader loader([] {});
            // Room for one picture of 400x400 at most.
            render::SdlRenderer renderer(r, **fonts, loader, {400 * 400 * 4, 1 << 20});
            renderer.set_bundle(*bundle);
            for (const auto& asset : assets) {
                // The picture before is no longer on screen, and can make room.
                EXPECT_EQ(renderer.draw(ui::DrawList{{400, 400}, {}}), 0);
                decode_now(renderer, loader, asset, area);
                ui::DrawList list{{400, 400}, {}};
                list.cmds.emplace_back(ui::ImageCmd{asset, {0, 0, 400, 400}, Fit::Contain});
                EXPECT_EQ(renderer.draw(list), 0);
                renderer.present();
            }
            reused = renderer.reused_textures();
        }
        SDL_DestroyRenderer(r);
        return target;
    };
    std::uint64_t reused = 0;
    auto after_reuse = shot({first, same_size}, reused);
    EXPECT_EQ(reused, 1u);
    std::uint64_t fresh_reused = 0;
    auto fresh = shot({same_size}, fresh_reused);
    EXPECT_EQ(fresh_reused, 0u);
    // The texture taken over shows the new picture, every pixel as a new texture would.
    int differing = 0;
    for (int y = 0; y < 400; ++y)
        for (int x = 0; x < 400; ++x)
            differing += pixel_of(after_reuse.get(), x, y) != pixel_of(fresh.get(), x, y);
    EXPECT_EQ(differing, 0);
    // A picture of another size gets a texture of its own.
    shot({first, other_size}, reused);
    EXPECT_EQ(reused, 0u);
}

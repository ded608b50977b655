// A chain of fonts chosen per grapheme cluster, with the shaped clusters and the glyph pictures
// cached (bounded) so a line is measured and drawn without asking FreeType again.
#include "kiosk/media/font_set.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/text/segment.hpp"
#include "kiosk/text/utf8.hpp"

#include <algorithm>

namespace kiosk::media {
namespace {

// Bounds of the caches: the text of a few screens' worth of slides.
constexpr std::size_t kMaxShaped = 16384;
constexpr std::size_t kMaxGlyphBytes = 8u << 20;

std::string shape_key(std::string_view cluster, text::Style style) {
    std::string key = std::to_string(style.px);
    key += style.bold ? 'b' : 'r';
    key += cluster;
    return key;
}

// Premultiplied ARGB source over destination, both as four bytes (B, G, R, A).
void over(std::uint8_t* d, std::uint32_t b, std::uint32_t g, std::uint32_t r, std::uint32_t a) {
    const std::uint32_t keep = 255 - a;
    d[0] = static_cast<std::uint8_t>(b + (d[0] * keep + 127) / 255);
    d[1] = static_cast<std::uint8_t>(g + (d[1] * keep + 127) / 255);
    d[2] = static_cast<std::uint8_t>(r + (d[2] * keep + 127) / 255);
    d[3] = static_cast<std::uint8_t>(a + (d[3] * keep + 127) / 255);
}

} // namespace

std::vector<std::filesystem::path> system_fallback_fonts() {
    std::vector<std::filesystem::path> out;
    for (const char* f : {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                          "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
                          "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"}) {
        std::error_code ec;
        if (std::filesystem::exists(f, ec))
            out.emplace_back(f);
    }
    return out;
}

Result<std::unique_ptr<FontSet>> FontSet::open(const std::filesystem::path& primary,
                                               std::vector<std::filesystem::path> fallbacks) {
    auto freetype = FreeType::start();
    if (!freetype)
        return fail(freetype.error().message);
    std::unique_ptr<FontSet> set(new FontSet());
    set->m_freetype = std::move(*freetype);
    auto face = FontFace::open(*set->m_freetype, primary);
    if (!face)
        return fail(face.error().message);
    set->m_chain.push_back({primary, std::move(*face), true});
    for (auto& f : fallbacks)
        set->m_chain.push_back({std::move(f), nullptr, false});
    return set;
}

FontSet::~FontSet() {
    m_chain.clear(); // Faces before the FreeType library they belong to.
}

std::vector<std::filesystem::path> FontSet::files() const {
    std::vector<std::filesystem::path> out;
    for (const auto& l : m_chain)
        out.push_back(l.file);
    return out;
}

FontFace* FontSet::link(std::size_t i) const {
    Link& l = m_chain[i];
    if (!l.tried) {
        l.tried = true;
        if (auto face = FontFace::open(*m_freetype, l.file))
            l.face = std::move(*face);
        else
            log::warn("font", face.error().message + ": left out of the fonts");
    }
    return l.face.get();
}

// The first font of the chain that has every character of the cluster that is drawn; emoji
// fonts first for a cluster that asks for an emoji picture. With none, the CJK font draws its
// missing-glyph box.
int FontSet::choose(std::string_view cluster) const {
    std::u32string need;
    for (char32_t cp : text::decode_utf8(cluster))
        if (!text::is_ignorable(cp))
            need.push_back(cp);
    if (need.empty())
        return -1;
    const bool emoji = text::wants_emoji(cluster);
    for (int pass = emoji ? 0 : 1; pass < 2; ++pass) {
        for (std::size_t i = 0; i < m_chain.size(); ++i) {
            FontFace* f = link(i);
            if (f == nullptr || (pass == 0 && !f->color()))
                continue;
            if (std::all_of(need.begin(), need.end(), [&](char32_t cp) { return f->has(cp); }))
                return static_cast<int>(i);
        }
    }
    // A partial match beats a box: the font that has the cluster's first character.
    for (std::size_t i = 0; i < m_chain.size(); ++i)
        if (FontFace* f = link(i); f != nullptr && f->has(need.front()))
            return static_cast<int>(i);
    return 0;
}

const FontSet::Shaped& FontSet::shaped(std::string_view cluster, text::Style style) const {
    std::string key = shape_key(cluster, style);
    if (auto it = m_shaped.find(key); it != m_shaped.end())
        return it->second;
    if (m_shaped.size() >= kMaxShaped)
        m_shaped.clear();
    Shaped s;
    s.link = choose(cluster);
    if (s.link >= 0) {
        FontFace* f = link(static_cast<std::size_t>(s.link));
        int adv = f->shape(cluster, style.px, s.glyphs);
        s.advance = (adv + 32) >> 6;
        if (style.bold && !f->color())
            s.advance += FontFace::bold_extra(style.px) * static_cast<int>(s.glyphs.size());
    }
    return m_shaped.emplace(std::move(key), std::move(s)).first->second;
}

int FontSet::advance(std::string_view cluster, text::Style style) const {
    return shaped(cluster, style).advance;
}

int FontSet::line_height(text::Style style) const {
    return m_chain.front().face->height(style.px);
}

std::u32string FontSet::missing(std::string_view cluster) const {
    std::u32string out;
    for (char32_t cp : text::decode_utf8(cluster)) {
        if (text::is_ignorable(cp))
            continue;
        bool found = false;
        for (std::size_t i = 0; i < m_chain.size() && !found; ++i)
            if (FontFace* f = link(i))
                found = f->has(cp);
        if (!found)
            out.push_back(cp);
    }
    return out;
}

const GlyphImage& FontSet::glyph(int link_index, std::uint32_t id, text::Style style) const {
    const std::uint64_t key = (static_cast<std::uint64_t>(id) << 32) |
                              (static_cast<std::uint64_t>(link_index & 0xFF) << 24) |
                              (static_cast<std::uint64_t>(style.px & 0x7FFFFF) << 1) |
                              (style.bold ? 1u : 0u);
    if (auto it = m_glyphs.find(key); it != m_glyphs.end())
        return it->second;
    if (m_glyph_bytes > kMaxGlyphBytes) {
        m_glyphs.clear();
        m_glyph_bytes = 0;
    }
    GlyphImage g =
        m_chain[static_cast<std::size_t>(link_index)].face->rasterize(id, style.px, style.bold);
    m_glyph_bytes += g.pixels.size() + sizeof(GlyphImage);
    return m_glyphs.emplace(key, std::move(g)).first->second;
}

SurfacePtr FontSet::render(const std::string& utf8, text::Style style, Color color) const {
    text::Segments segs = text::segment(utf8);
    // Copies: shaping a later cluster may clear the cache the earlier ones are in.
    std::vector<Shaped> clusters;
    int width = 0;
    for (std::size_t i = 0; i < segs.size(); ++i) {
        std::string_view c = segs.cluster(i);
        if (text::is_newline(c))
            continue;
        clusters.push_back(shaped(c, style));
        width += clusters.back().advance;
    }
    if (width <= 0)
        return nullptr;
    FontFace& primary = *m_chain.front().face;
    const int height = std::max(1, primary.height(style.px));
    const int baseline = primary.ascent(style.px);
    // Room on the right for what a last glyph draws past its advance (an italic, a bold).
    const int w = width + std::max(1, style.px / 8);
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, w, height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface)
        return nullptr;
    SDL_FillRect(surface.get(), nullptr, 0);
    auto* pixels = static_cast<std::uint8_t*>(surface->pixels);
    const int pitch = surface->pitch;
    int pen = 0;
    for (const Shaped& s : clusters) {
        for (const ShapedGlyph& sg : s.glyphs) {
            const GlyphImage& g = glyph(s.link, sg.id, style);
            const int gx = pen + ((sg.x + 32) >> 6) + g.left;
            const int gy = baseline - ((sg.y + 32) >> 6) - g.top;
            for (int y = std::max(0, -gy); y < g.height && gy + y < height; ++y) {
                std::uint8_t* row = pixels + static_cast<std::ptrdiff_t>(gy + y) * pitch;
                for (int x = std::max(0, -gx); x < g.width && gx + x < w; ++x) {
                    std::uint8_t* d = row + (gx + x) * 4;
                    const std::size_t i =
                        static_cast<std::size_t>(y) * static_cast<std::size_t>(g.width) +
                        static_cast<std::size_t>(x);
                    if (g.color) {
                        const std::uint8_t* p = &g.pixels[i * 4];
                        over(d, p[0], p[1], p[2], p[3]);
                    } else if (std::uint32_t a = g.pixels[i]; a != 0) {
                        over(d, (color.b * a + 127) / 255, (color.g * a + 127) / 255,
                             (color.r * a + 127) / 255, a);
                    }
                }
            }
        }
        pen += s.advance;
    }
    // Straight alpha, as SDL blends it.
    for (int y = 0; y < height; ++y) {
        std::uint8_t* row = pixels + static_cast<std::ptrdiff_t>(y) * pitch;
        for (int x = 0; x < w; ++x) {
            std::uint8_t* d = row + x * 4;
            if (const std::uint32_t a = d[3]; a != 0 && a != 255)
                for (int c = 0; c < 3; ++c)
                    d[c] = static_cast<std::uint8_t>(
                        std::min<std::uint32_t>(255, (d[c] * 255u + a / 2) / a));
        }
    }
    return surface;
}

} // namespace kiosk::media

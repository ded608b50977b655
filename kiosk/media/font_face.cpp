// FreeType for characters, sizes and glyph pictures; HarfBuzz (over the same FreeType face) for
// shaping, so ligature-built glyphs (flags, keycaps, ZWJ emoji) come out as the font designed them.
#include "kiosk/media/font_face.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace kiosk::media {
namespace {

constexpr int kMaxPx = 1024;
// Pixel sizes kept open at once: layout tries many sizes while it shrinks a line to fit.
constexpr std::size_t kMaxSizes = 48;

int ceil26(long v) {
    return static_cast<int>((v + 63) >> 6);
}

// Premultiplied BGRA scaled by area averaging: each new pixel is the mean of the source area it
// covers, so a 136-pixel emoji shrunk to 30 stays smooth instead of skipping pixels.
std::vector<std::uint8_t> scale_bgra(const std::vector<std::uint8_t>& src, int sw, int sh, int dw,
                                     int dh) {
    std::vector<std::uint8_t> dst(static_cast<std::size_t>(dw) * static_cast<std::size_t>(dh) * 4);
    const double fx = static_cast<double>(sw) / dw;
    const double fy = static_cast<double>(sh) / dh;
    for (int y = 0; y < dh; ++y) {
        const double y0 = y * fy;
        const double y1 = y0 + fy;
        for (int x = 0; x < dw; ++x) {
            const double x0 = x * fx;
            const double x1 = x0 + fx;
            double acc[4] = {0, 0, 0, 0};
            double area = 0;
            for (int sy = static_cast<int>(y0); sy < sh && sy < y1; ++sy) {
                const double wy = std::min<double>(sy + 1, y1) - std::max<double>(sy, y0);
                for (int sx = static_cast<int>(x0); sx < sw && sx < x1; ++sx) {
                    const double w = wy * (std::min<double>(sx + 1, x1) - std::max<double>(sx, x0));
                    const std::uint8_t* p =
                        &src[(static_cast<std::size_t>(sy) * static_cast<std::size_t>(sw) +
                              static_cast<std::size_t>(sx)) *
                             4];
                    for (int c = 0; c < 4; ++c)
                        acc[c] += w * p[c];
                    area += w;
                }
            }
            std::uint8_t* q = &dst[(static_cast<std::size_t>(y) * static_cast<std::size_t>(dw) +
                                    static_cast<std::size_t>(x)) *
                                   4];
            for (int c = 0; c < 4; ++c)
                q[c] = area > 0 ? static_cast<std::uint8_t>(std::lround(acc[c] / area)) : 0;
        }
    }
    return dst;
}

// The rendered bitmap of FreeType's glyph slot, as coverage or premultiplied BGRA.
GlyphImage copy_bitmap(const FT_Bitmap& b, int left, int top) {
    GlyphImage g;
    g.width = static_cast<int>(b.width);
    g.height = static_cast<int>(b.rows);
    g.left = left;
    g.top = top;
    g.color = b.pixel_mode == FT_PIXEL_MODE_BGRA;
    const std::size_t bpp = g.color ? 4 : 1;
    g.pixels.resize(static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.height) * bpp);
    for (int y = 0; y < g.height; ++y) {
        const unsigned char* row =
            b.pitch >= 0 ? b.buffer + static_cast<std::ptrdiff_t>(y) * b.pitch
                         : b.buffer + static_cast<std::ptrdiff_t>(g.height - 1 - y) * -b.pitch;
        std::uint8_t* out =
            &g.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(g.width) * bpp];
        for (int x = 0; x < g.width; ++x) {
            switch (b.pixel_mode) {
            case FT_PIXEL_MODE_MONO:
                out[x] = (row[x / 8] & (0x80 >> (x % 8))) ? 255 : 0;
                break;
            case FT_PIXEL_MODE_GRAY:
                out[x] =
                    b.num_grays == 256
                        ? row[x]
                        : static_cast<std::uint8_t>(row[x] * 255 / std::max(1, b.num_grays - 1));
                break;
            case FT_PIXEL_MODE_BGRA:
                std::copy_n(row + x * 4, 4, out + x * 4);
                break;
            default:
                out[x] = 0; // LCD and other modes are never asked for.
            }
        }
    }
    return g;
}

// A synthetic bold (the CJK font has no bold face): every row smeared `extra` pixels to the right,
// coverage added and capped, the glyph that much wider. Strokes thicken across, as a bold face's
// do, and an outline's thin horizontals are not blown up as outline emboldening does.
void embolden(GlyphImage& g, int extra) {
    if (extra <= 0)
        return;
    const int w = g.width + extra;
    std::vector<std::uint8_t> out(static_cast<std::size_t>(w) * static_cast<std::size_t>(g.height),
                                  0);
    for (int y = 0; y < g.height; ++y) {
        std::uint8_t* row = &out[static_cast<std::size_t>(y) * static_cast<std::size_t>(w)];
        std::copy_n(&g.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(g.width)],
                    g.width, row);
        for (int k = 0; k < extra; ++k)
            for (int x = w - 1; x > 0; --x)
                row[x] = static_cast<std::uint8_t>(std::min(255, row[x] + row[x - 1]));
    }
    g.width = w;
    g.pixels.swap(out);
}

} // namespace

Result<std::unique_ptr<FreeType>> FreeType::start() {
    FT_Library library = nullptr;
    if (FT_Error e = FT_Init_FreeType(&library); e != 0)
        return fail("FreeType cannot start (error " + std::to_string(e) + ")");
    return std::unique_ptr<FreeType>(new FreeType(library));
}

FreeType::~FreeType() {
    FT_Done_FreeType(m_library);
}

Result<std::unique_ptr<FontFace>> FontFace::open(const FreeType& freetype,
                                                 const std::filesystem::path& file) {
    std::unique_ptr<FontFace> f(new FontFace());
    f->m_file = file;
    f->m_freetype = &freetype;
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(file.string() + ": font file cannot be opened");
    struct stat st {};
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        ::close(fd);
        return fail(file.string() + ": font file is empty");
    }
    f->m_map_size = static_cast<std::size_t>(st.st_size);
    f->m_map = mmap(nullptr, f->m_map_size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (f->m_map == MAP_FAILED) {
        f->m_map = nullptr;
        return fail(file.string() + ": font file cannot be mapped");
    }
    if (FT_New_Memory_Face(freetype.get(), static_cast<const FT_Byte*>(f->m_map),
                           static_cast<FT_Long>(f->m_map_size), 0, &f->m_face) != 0) {
        f->m_face = nullptr;
        return fail(file.string() + ": not a usable font");
    }
    f->m_color = FT_HAS_COLOR(f->m_face);
    if (!FT_IS_SCALABLE(f->m_face) && f->m_face->num_fixed_sizes <= 0)
        return fail(file.string() + ": a bitmap font without sizes");
    return f;
}

FontFace::~FontFace() {
    for (auto& [px, s] : m_sizes) {
        hb_font_destroy(s.hb);
        FT_Done_Face(s.face);
    }
    if (m_face != nullptr)
        FT_Done_Face(m_face);
    if (m_map != nullptr)
        munmap(m_map, m_map_size);
}

bool FontFace::has(char32_t cp) const {
    return FT_Get_Char_Index(m_face, static_cast<FT_ULong>(cp)) != 0;
}

FontFace::Sized* FontFace::at(int px) {
    px = std::clamp(px, 1, kMaxPx);
    if (auto it = m_sizes.find(px); it != m_sizes.end())
        return &it->second;
    if (m_sizes.size() >= kMaxSizes) {
        for (auto& [old_px, s] : m_sizes) {
            hb_font_destroy(s.hb);
            FT_Done_Face(s.face);
        }
        m_sizes.clear();
    }
    Sized s;
    if (FT_New_Memory_Face(m_freetype->get(), static_cast<const FT_Byte*>(m_map),
                           static_cast<FT_Long>(m_map_size), 0, &s.face) != 0)
        return nullptr;
    FT_Error e = 0;
    if (FT_IS_SCALABLE(s.face)) {
        e = FT_Set_Pixel_Sizes(s.face, 0, static_cast<FT_UInt>(px));
    } else {
        // The smallest strike at least as big as asked (shrinking looks better than growing),
        // else the biggest.
        int best = 0;
        for (int i = 0; i < s.face->num_fixed_sizes; ++i) {
            long ppem = s.face->available_sizes[i].y_ppem;
            long best_ppem = s.face->available_sizes[best].y_ppem;
            bool fits = ppem >= px * 64L;
            bool best_fits = best_ppem >= px * 64L;
            if ((fits && (!best_fits || ppem < best_ppem)) ||
                (!fits && !best_fits && ppem > best_ppem))
                best = i;
        }
        e = FT_Select_Size(s.face, best);
        s.scale = px * 64.0 /
                  static_cast<double>(std::max<long>(1, s.face->available_sizes[best].y_ppem));
    }
    if (e != 0) {
        FT_Done_Face(s.face);
        return nullptr;
    }
    s.hb = hb_ft_font_create_referenced(s.face);
    // The face is referenced by HarfBuzz now; its own reference is dropped with the size.
    hb_ft_font_set_load_flags(s.hb,
                              m_color ? FT_LOAD_COLOR : FT_LOAD_TARGET_LIGHT | FT_LOAD_NO_BITMAP);
    return &m_sizes.emplace(px, s).first->second;
}

int FontFace::shape(std::string_view cluster, int px, std::vector<ShapedGlyph>& out) {
    Sized* s = at(px);
    if (s == nullptr || cluster.empty())
        return 0;
    hb_buffer_t* buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, cluster.data(), static_cast<int>(cluster.size()), 0,
                       static_cast<int>(cluster.size()));
    hb_buffer_guess_segment_properties(buf);
    hb_shape(s->hb, buf, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &count);
    // A right-to-left cluster comes back in visual order, its pen moving left: lay it out
    // left to right from the cluster's start.
    long pen = 0;
    for (unsigned i = 0; i < count; ++i) {
        out.push_back(
            {info[i].codepoint,
             static_cast<int>(std::lround(static_cast<double>(pen + pos[i].x_offset) * s->scale)),
             static_cast<int>(std::lround(pos[i].y_offset * s->scale))});
        pen += pos[i].x_advance;
    }
    hb_buffer_destroy(buf);
    return static_cast<int>(std::lround(static_cast<double>(pen) * s->scale));
}

GlyphImage FontFace::rasterize(std::uint32_t glyph, int px, bool bold) {
    Sized* s = at(px);
    if (s == nullptr)
        return {};
    FT_Int32 flags = m_color ? FT_LOAD_COLOR : FT_LOAD_TARGET_LIGHT | FT_LOAD_NO_BITMAP;
    if (FT_Load_Glyph(s->face, glyph, flags) != 0)
        return {};
    FT_GlyphSlot slot = s->face->glyph;
    if (slot->format == FT_GLYPH_FORMAT_OUTLINE &&
        FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0)
        return {};
    GlyphImage g = copy_bitmap(slot->bitmap, slot->bitmap_left, slot->bitmap_top);
    if (bold && !g.color && g.width > 0)
        embolden(g, bold_extra(px));
    if (s->scale != 1.0 && g.width > 0 && g.height > 0) {
        if (!g.color) { // Coverage as grey BGRA, scaled, and back.
            std::vector<std::uint8_t> bgra(g.pixels.size() * 4);
            for (std::size_t i = 0; i < g.pixels.size(); ++i)
                std::fill_n(&bgra[i * 4], 4, g.pixels[i]);
            g.pixels.swap(bgra);
        }
        int w = std::max(1, static_cast<int>(std::lround(g.width * s->scale)));
        int h = std::max(1, static_cast<int>(std::lround(g.height * s->scale)));
        g.pixels = scale_bgra(g.pixels, g.width, g.height, w, h);
        g.width = w;
        g.height = h;
        g.left = static_cast<int>(std::lround(g.left * s->scale));
        g.top = static_cast<int>(std::lround(g.top * s->scale));
        if (!g.color) {
            std::vector<std::uint8_t> cov(static_cast<std::size_t>(w) *
                                          static_cast<std::size_t>(h));
            for (std::size_t i = 0; i < cov.size(); ++i)
                cov[i] = g.pixels[i * 4 + 3];
            g.pixels.swap(cov);
        }
    }
    return g;
}

int FontFace::ascent(int px) {
    Sized* s = at(px);
    if (s == nullptr)
        return px;
    if (FT_IS_SCALABLE(s->face))
        return ceil26(FT_MulFix(s->face->ascender, s->face->size->metrics.y_scale));
    return static_cast<int>(std::lround(ceil26(s->face->size->metrics.ascender) * s->scale));
}

int FontFace::height(int px) {
    Sized* s = at(px);
    if (s == nullptr)
        return px;
    if (FT_IS_SCALABLE(s->face))
        return ceil26(
            FT_MulFix(s->face->ascender - s->face->descender, s->face->size->metrics.y_scale));
    return static_cast<int>(std::lround(ceil26(s->face->size->metrics.height) * s->scale));
}

} // namespace kiosk::media

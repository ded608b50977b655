// One font file through FreeType and HarfBuzz: which characters it has, a grapheme cluster shaped
// at a pixel size, and glyphs rasterised (outlines, or colour bitmaps scaled to that size).
#pragma once

#include "kiosk/core/error.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

struct FT_LibraryRec_;
struct FT_FaceRec_;
struct hb_font_t;

namespace kiosk::media {

// A glyph's picture, placed from the pen position on the baseline.
struct GlyphImage {
    int width{};
    int height{};
    int left{}; // From the pen to the first column.
    int top{};  // From the baseline up to the first row.
    bool color{false};
    // Coverage, one byte a pixel; or, for colour glyphs, premultiplied B, G, R, A.
    std::vector<std::uint8_t> pixels;
};

// A glyph of a shaped cluster, its offset from the cluster's pen position in 1/64 pixel (y up).
struct ShapedGlyph {
    std::uint32_t id{};
    int x{};
    int y{};
};

// FreeType's library handle: one per thread that uses fonts (FreeType objects are not shared).
class FreeType {
public:
    static Result<std::unique_ptr<FreeType>> start();
    ~FreeType();
    FreeType(const FreeType&) = delete;
    FreeType& operator=(const FreeType&) = delete;
    FT_LibraryRec_* get() const { return m_library; }

private:
    explicit FreeType(FT_LibraryRec_* library) : m_library(library) {}
    FT_LibraryRec_* m_library;
};

class FontFace {
public:
    // Maps the file (read-only, shared with the page cache) and reads its tables.
    static Result<std::unique_ptr<FontFace>> open(const FreeType& freetype,
                                                  const std::filesystem::path& file);
    ~FontFace();
    FontFace(const FontFace&) = delete;
    FontFace& operator=(const FontFace&) = delete;

    bool has(char32_t cp) const;
    // Colour bitmaps (an emoji font).
    bool color() const { return m_color; }

    // Appends the glyphs of `cluster` (valid UTF-8) shaped at `px` pixels an em, and returns its
    // advance in 1/64 pixel.
    int shape(std::string_view cluster, int px, std::vector<ShapedGlyph>& out);
    // The glyph's picture at `px`; `bold` thickens outlines as a synthetic bold.
    GlyphImage rasterize(std::uint32_t glyph, int px, bool bold);
    // Baseline from the top of a line box, and the line box's height, at `px`.
    int ascent(int px);
    int height(int px);
    // How much a synthetic bold widens every glyph at `px`, in pixels.
    static int bold_extra(int px) { return px / 10; }

private:
    struct Sized {
        FT_FaceRec_* face{};
        hb_font_t* hb{};
        double scale{1.0}; // From the face's size to `px` (bitmap fonts have fixed sizes).
    };
    FontFace() = default;
    Sized* at(int px);

    std::filesystem::path m_file;
    const FreeType* m_freetype{};
    void* m_map{};
    std::size_t m_map_size{};
    FT_FaceRec_* m_face{}; // For character lookups; sized faces are opened per pixel size.
    bool m_color{false};
    std::map<int, Sized> m_sizes;
};

} // namespace kiosk::media

// The fonts text is drawn with, as a chain: the display's CJK font first, then fonts for symbols
// and colour emoji, chosen per grapheme cluster. Metrics for line breaking, and rendered lines.
#pragma once

#include "kiosk/core/color.hpp"
#include "kiosk/core/error.hpp"
#include "kiosk/media/font_face.hpp"
#include "kiosk/media/sdl_ptr.hpp"
#include "kiosk/text/line_break.hpp"

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace kiosk::media {

// The symbol and emoji fonts of the system that follow the CJK font, in order: those of Debian's
// packages (fonts-dejavu-core, fonts-noto-color-emoji, fonts-symbola) that are installed.
std::vector<std::filesystem::path> system_fallback_fonts();

// One thread at a time: FreeType faces are not shared between threads. (At start the fonts are
// opened on a helper thread and handed to the main thread, which uses them from then on.)
class FontSet final : public text::Metrics {
public:
    // `primary` must open; a fallback that does not is left out with a warning. Fallbacks are
    // opened the first time a cluster needs them.
    static Result<std::unique_ptr<FontSet>>
    open(const std::filesystem::path& primary,
         std::vector<std::filesystem::path> fallbacks = system_fallback_fonts());
    ~FontSet() override;

    int advance(std::string_view cluster, text::Style style) const override;
    int line_height(text::Style style) const override;
    // A line of text in `color` on transparent, `line_height` pixels high, as wide as measured.
    // Colour glyphs (emoji) keep their colours.
    SurfacePtr render(const std::string& utf8, text::Style style, Color color) const;
    // The characters of `cluster` that no font of the chain has (empty when it can be drawn).
    std::u32string missing(std::string_view cluster) const;
    // The fonts of the chain, in order.
    std::vector<std::filesystem::path> files() const;

private:
    struct Link {
        std::filesystem::path file;
        std::unique_ptr<FontFace> face; // Null until needed, or when it failed to open.
        bool tried{false};
    };
    struct Shaped {
        int link{-1};  // -1: nothing to draw (only ignorable characters).
        int advance{}; // Whole pixels.
        std::vector<ShapedGlyph> glyphs;
    };

    FontSet() = default;
    FontFace* link(std::size_t i) const;
    const Shaped& shaped(std::string_view cluster, text::Style style) const;
    int choose(std::string_view cluster) const;
    const GlyphImage& glyph(int link, std::uint32_t id, text::Style style) const;

    std::unique_ptr<FreeType> m_freetype;
    mutable std::vector<Link> m_chain;
    mutable std::unordered_map<std::string, Shaped> m_shaped; // By size, weight and cluster.
    mutable std::unordered_map<std::uint64_t, GlyphImage> m_glyphs;
    mutable std::size_t m_glyph_bytes{0};
};

} // namespace kiosk::media

// The CJK font at every size the layout asks for: metrics for line breaking and rendered lines.
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/media/sdl_ptr.hpp"
#include "kiosk/text/line_break.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>

namespace kiosk::media {

// SDL_ttf, started and stopped with this object's life: fonts are opened within it and closed
// before it ends. It needs no other part of SDL, so fonts can be opened while the display is.
class FontLibrary {
public:
    static Result<std::unique_ptr<FontLibrary>> start();
    ~FontLibrary();
    FontLibrary(const FontLibrary&) = delete;
    FontLibrary& operator=(const FontLibrary&) = delete;

private:
    FontLibrary() = default;
};

// One thread at a time: SDL_ttf fonts are not shared between threads. (At start the fonts are
// opened on a helper thread and handed to the main thread, which uses them from then on.)
class FontSet final : public text::Metrics {
public:
    static Result<std::unique_ptr<FontSet>> open(const std::filesystem::path& ttf);

    int advance(char32_t cp, text::Style style) const override;
    int line_height(text::Style style) const override;
    // A line of text in white on transparent (tinted when drawn), `line_height` pixels high.
    SurfacePtr render(const std::string& utf8, text::Style style) const;
    // Whether the font has a glyph for `cp` (tests check the sample content against it).
    bool has_glyph(char32_t cp) const;

private:
    explicit FontSet(std::string data) : m_data(std::move(data)) {}
    TTF_Font* font(text::Style style) const;

    std::string m_data; // The font file; every TTF_Font reads from it.
    mutable std::map<std::pair<int, bool>, FontPtr> m_fonts;
    mutable std::unordered_map<std::uint64_t, int> m_advances;
};

} // namespace kiosk::media

// SDL_ttf fonts opened from one in-memory copy of the font file, one per size and weight.
#include "kiosk/media/font_set.hpp"

#include <fstream>
#include <sstream>

namespace kiosk::media {

Result<std::unique_ptr<FontLibrary>> FontLibrary::start() {
    if (TTF_Init() != 0)
        return fail(std::string("SDL_ttf cannot start: ") + TTF_GetError());
    return std::unique_ptr<FontLibrary>(new FontLibrary());
}

FontLibrary::~FontLibrary() {
    TTF_Quit();
}

Result<std::unique_ptr<FontSet>> FontSet::open(const std::filesystem::path& ttf) {
    std::ifstream in(ttf, std::ios::binary);
    if (!in)
        return fail(ttf.string() + ": font file cannot be opened");
    std::ostringstream buf;
    buf << in.rdbuf();
    std::unique_ptr<FontSet> set(new FontSet(buf.str()));
    if (set->font(text::Style{32, false}) == nullptr)
        return fail(ttf.string() + ": not a usable font (" + SDL_GetError() + ")");
    return set;
}

TTF_Font* FontSet::font(text::Style style) const {
    auto key = std::make_pair(style.px, style.bold);
    auto it = m_fonts.find(key);
    if (it != m_fonts.end())
        return it->second.get();
    SDL_RWops* rw = SDL_RWFromConstMem(m_data.data(), static_cast<int>(m_data.size()));
    FontPtr f(TTF_OpenFontRW(rw, 1, style.px));
    if (!f)
        return nullptr;
    TTF_SetFontKerning(f.get(), 0); // Lines are measured as sums of advances.
    TTF_SetFontHinting(f.get(), TTF_HINTING_LIGHT);
    if (style.bold)
        TTF_SetFontStyle(f.get(), TTF_STYLE_BOLD);
    return m_fonts.emplace(key, std::move(f)).first->second.get();
}

int FontSet::advance(char32_t cp, text::Style style) const {
    std::uint64_t key = (static_cast<std::uint64_t>(cp) << 24) |
                        (static_cast<std::uint64_t>(style.px & 0x7FFFFF) << 1) |
                        (style.bold ? 1u : 0u);
    auto it = m_advances.find(key);
    if (it != m_advances.end())
        return it->second;
    int adv = 0;
    TTF_Font* f = font(style);
    if (f == nullptr || TTF_GlyphMetrics32(f, static_cast<Uint32>(cp), nullptr, nullptr, nullptr,
                                           nullptr, &adv) != 0)
        adv = style.px;
    m_advances.emplace(key, adv);
    return adv;
}

int FontSet::line_height(text::Style style) const {
    TTF_Font* f = font(style);
    return f ? TTF_FontHeight(f) : style.px;
}

SurfacePtr FontSet::render(const std::string& utf8, text::Style style) const {
    TTF_Font* f = font(style);
    if (f == nullptr || utf8.empty())
        return nullptr;
    return to_argb(
        SurfacePtr(TTF_RenderUTF8_Blended(f, utf8.c_str(), SDL_Color{255, 255, 255, 255})));
}

bool FontSet::has_glyph(char32_t cp) const {
    TTF_Font* f = font(text::Style{32, false});
    return f != nullptr && TTF_GlyphIsProvided32(f, static_cast<Uint32>(cp)) != 0;
}

} // namespace kiosk::media

// Draw list execution.
#include "kiosk/render/sdl_renderer.hpp"

#include "kiosk/core/log.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::render {
namespace {

std::string image_key(const std::string& asset, Size area, Fit fit) {
    return asset + "|" + std::to_string(area.w) + "x" + std::to_string(area.h) +
           (fit == Fit::Cover ? "|c" : "|f");
}

std::string asset_of(const std::string& key) {
    return key.substr(0, key.find('|'));
}

media::TexturePtr upload(SDL_Renderer* r, SDL_Surface* s) {
    media::TexturePtr t(SDL_CreateTextureFromSurface(r, s));
    if (t)
        SDL_SetTextureBlendMode(t.get(), SDL_BLENDMODE_BLEND);
    return t;
}

} // namespace

Budgets budgets_for(Size screen) {
    Budgets b;
    auto screen_bytes = static_cast<std::size_t>(std::max(screen.w, 0)) *
                        static_cast<std::size_t>(std::max(screen.h, 0)) * 4;
    b.image_bytes = std::clamp<std::size_t>(2 * screen_bytes, 8u << 20, b.image_bytes);
    return b;
}

SdlRenderer::SdlRenderer(SDL_Renderer* renderer, const media::FontSet& fonts,
                         media::ImageLoader& loader, Budgets budgets)
    : m_renderer(renderer), m_fonts(fonts), m_loader(loader), m_images(budgets.image_bytes),
      m_texts(budgets.text_bytes) {
    SDL_RendererInfo info{};
    m_software =
        SDL_GetRendererInfo(m_renderer, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
}

void SdlRenderer::set_bundle(std::shared_ptr<const content::Bundle> bundle) {
    m_bundle = std::move(bundle);
    // Images are keyed by their content's SHA-256: what the new version shares with the old one
    // stays decoded (a new version that changes one poster decodes that poster alone), and what it
    // no longer uses leaves by the LRU and drop_unused_before. Decodes in flight stay useful;
    // failures are tried again.
    std::erase_if(m_states, [](const auto& s) { return s.second == State::Failed; });
}

std::string SdlRenderer::key_of(const std::string& asset, Size area, Fit fit) const {
    std::string sha;
    if (m_bundle) {
        if (auto it = m_bundle->manifest.assets.find(asset); it != m_bundle->manifest.assets.end())
            sha = it->second.sha256;
    }
    return image_key(asset, area, fit) + "|" + sha;
}

SDL_Texture* SdlRenderer::image_texture(const std::string& asset, Rect area, Fit fit,
                                        bool request) {
    Size size{area.w, area.h};
    std::string key = key_of(asset, size, fit);
    if (SDL_Texture* t = m_images.get(key, m_frame))
        return t;
    if (!request || !m_bundle || m_states.contains(key))
        return nullptr;
    auto info = m_bundle->manifest.assets.find(asset);
    if (info == m_bundle->manifest.assets.end()) {
        m_states[key] = State::Failed;
        return nullptr;
    }
    m_states[key] = State::Pending;
    m_loader.request({key, m_bundle->asset_path(asset), info->second.type, size, fit});
    return nullptr;
}

bool SdlRenderer::decoded_before(const std::string& asset, Size area, Fit fit) const {
    return m_decodable.contains(key_of(asset, area, fit));
}

content::Readiness SdlRenderer::image_state(const std::string& asset, Size area, Fit fit) {
    std::string key = key_of(asset, area, fit);
    if (m_images.contains(key))
        return content::Readiness::Ready;
    auto it = m_states.find(key);
    if (it != m_states.end())
        return it->second == State::Failed ? content::Readiness::Broken
                                           : content::Readiness::Pending;
    image_texture(asset, {0, 0, area.w, area.h}, fit, true);
    auto again = m_states.find(key);
    return again != m_states.end() && again->second == State::Failed ? content::Readiness::Broken
                                                                     : content::Readiness::Pending;
}

bool SdlRenderer::accept_decoded() {
    auto done = m_loader.drain();
    for (auto& d : done) {
        auto state = m_states.find(d.key);
        if (state == m_states.end())
            continue; // From a bundle that has been replaced.
        if (!d.surface) {
            log::error("image", d.error.empty() ? asset_of(d.key) + ": decode failed" : d.error);
            state->second = State::Failed;
            continue;
        }
        auto tex = upload(m_renderer, d.surface.get());
        if (!tex) {
            log::error("image", asset_of(d.key) + ": cannot make a texture: " + SDL_GetError());
            state->second = State::Failed;
            continue;
        }
        std::size_t bytes =
            static_cast<std::size_t>(d.surface->w) * static_cast<std::size_t>(d.surface->h) * 4;
        m_images.put(d.key, std::move(tex), bytes, 0, m_frame);
        m_decodable.insert(d.key);
        m_states.erase(state);
    }
    return !done.empty();
}

SDL_Texture* SdlRenderer::text_texture(const ui::TextCmd& t) {
    std::string key = std::to_string(t.style.px) + (t.style.bold ? "b|" : "|") + t.text;
    if (SDL_Texture* tex = m_texts.get(key, m_frame))
        return tex;
    auto surface = m_fonts.render(t.text, t.style);
    if (!surface)
        return nullptr;
    auto tex = upload(m_renderer, surface.get());
    if (!tex)
        return nullptr;
    std::size_t bytes =
        static_cast<std::size_t>(surface->w) * static_cast<std::size_t>(surface->h) * 4;
    return m_texts.put(key, std::move(tex), bytes, m_frame, m_frame);
}

void SdlRenderer::warm(const ui::DrawList& list) {
    for (const auto& cmd : list.cmds) {
        if (const auto* i = std::get_if<ui::ImageCmd>(&cmd))
            image_texture(i->asset, i->area, i->fit, true);
        else if (const auto* t = std::get_if<ui::TextCmd>(&cmd))
            text_texture(*t);
    }
}

int SdlRenderer::draw(const ui::DrawList& list) {
    ++m_frame;
    int missing = 0;
    SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 255);
    SDL_RenderClear(m_renderer);
    for (const auto& cmd : list.cmds) {
        if (const auto* f = std::get_if<ui::FillCmd>(&cmd)) {
            fill(*f);
        } else if (const auto* i = std::get_if<ui::ImageCmd>(&cmd)) {
            SDL_Texture* tex = image_texture(i->asset, i->area, i->fit, true);
            if (tex == nullptr) {
                ++missing;
                continue;
            }
            int w = 0;
            int h = 0;
            Uint32 format = 0;
            SDL_QueryTexture(tex, &format, nullptr, &w, &h);
            Placement p = place_image({w, h}, i->area, i->fit);
            SDL_Rect src{
                static_cast<int>(std::lround(p.src.x)), static_cast<int>(std::lround(p.src.y)),
                static_cast<int>(std::lround(p.src.w)), static_cast<int>(std::lround(p.src.h))};
            SDL_Rect dst{p.dst.x, p.dst.y, p.dst.w, p.dst.h};
            auto alpha = static_cast<Uint8>(std::lround(255 * i->alpha));
            // An opaque picture at full alpha is a plain copy; blending it would only cost time
            // (in SDL's software renderer, more than the copy itself).
            bool copy = alpha == 255 && !SDL_ISPIXELFORMAT_ALPHA(format);
            SDL_SetTextureBlendMode(tex, copy ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
            SDL_SetTextureAlphaMod(tex, alpha);
            SDL_RenderCopy(m_renderer, tex, &src, &dst);
        } else if (const auto* t = std::get_if<ui::TextCmd>(&cmd)) {
            SDL_Texture* tex = text_texture(*t);
            if (tex == nullptr)
                continue;
            int w = 0;
            int h = 0;
            SDL_QueryTexture(tex, nullptr, nullptr, &w, &h);
            SDL_SetTextureColorMod(tex, t->color.r, t->color.g, t->color.b);
            SDL_SetTextureAlphaMod(tex, t->color.a);
            SDL_Rect dst{t->x, t->y, w, h};
            SDL_RenderCopy(m_renderer, tex, nullptr, &dst);
        }
    }
    return missing;
}

void SdlRenderer::fill(const ui::FillCmd& f) {
    SDL_Rect r{f.rect.x, f.rect.y, f.rect.w, f.rect.h};
    auto plain = [&] {
        // An opaque fill is a plain fill: SDL's software renderer would blend it pixel by pixel.
        SDL_SetRenderDrawBlendMode(m_renderer,
                                   f.color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(m_renderer, f.color.r, f.color.g, f.color.b, f.color.a);
        SDL_RenderFillRect(m_renderer, &r);
    };
    constexpr int kTile = 256;
    const bool large = static_cast<long>(r.w) * r.h >= kTile * kTile;
    if (!m_software || f.color.a == 255 || f.color.a == 0 || !large)
        return plain();
    // SDL's software renderer blends a translucent fill one channel at a time, several times
    // slower than it fades an opaque picture. A large one (a slide's background fading in) is
    // drawn as tiles of an opaque texture of its colour, faded by the fill's alpha.
    auto key = static_cast<std::uint32_t>(f.color.r << 16 | f.color.g << 8 | f.color.b);
    auto it = m_fill_tiles.find(key);
    if (it == m_fill_tiles.end()) {
        if (m_fill_tiles.size() >= 8) // A theme has a few colours; never let this grow.
            m_fill_tiles.clear();
        media::SurfacePtr s(
            SDL_CreateRGBSurfaceWithFormat(0, kTile, kTile, 32, SDL_PIXELFORMAT_RGB888));
        if (!s)
            return plain();
        SDL_FillRect(s.get(), nullptr, SDL_MapRGB(s->format, f.color.r, f.color.g, f.color.b));
        media::TexturePtr tile(SDL_CreateTextureFromSurface(m_renderer, s.get()));
        if (!tile)
            return plain();
        SDL_SetTextureBlendMode(tile.get(), SDL_BLENDMODE_BLEND);
        it = m_fill_tiles.emplace(key, std::move(tile)).first;
    }
    SDL_Texture* tile = it->second.get();
    SDL_SetTextureAlphaMod(tile, f.color.a);
    for (int y = r.y; y < r.y + r.h; y += kTile) {
        for (int x = r.x; x < r.x + r.w; x += kTile) {
            SDL_Rect part{0, 0, std::min(kTile, r.x + r.w - x), std::min(kTile, r.y + r.h - y)};
            SDL_Rect at{x, y, part.w, part.h};
            SDL_RenderCopy(m_renderer, tile, &part, &at);
        }
    }
}

void SdlRenderer::present() {
    SDL_RenderPresent(m_renderer);
}

} // namespace kiosk::render

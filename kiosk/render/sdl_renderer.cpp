// Draw list execution.
#include "kiosk/render/sdl_renderer.hpp"

#include "kiosk/core/log.hpp"

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

SdlRenderer::SdlRenderer(SDL_Renderer* renderer, const media::FontSet& fonts,
                         media::ImageLoader& loader, Budgets budgets)
    : m_renderer(renderer), m_fonts(fonts), m_loader(loader), m_images(budgets.image_bytes),
      m_texts(budgets.text_bytes) {}

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
    SDL_SetRenderDrawBlendMode(m_renderer, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 255);
    SDL_RenderClear(m_renderer);
    for (const auto& cmd : list.cmds) {
        if (const auto* f = std::get_if<ui::FillCmd>(&cmd)) {
            SDL_SetRenderDrawColor(m_renderer, f->color.r, f->color.g, f->color.b, f->color.a);
            SDL_Rect r{f->rect.x, f->rect.y, f->rect.w, f->rect.h};
            SDL_RenderFillRect(m_renderer, &r);
        } else if (const auto* i = std::get_if<ui::ImageCmd>(&cmd)) {
            SDL_Texture* tex = image_texture(i->asset, i->area, i->fit, true);
            if (tex == nullptr) {
                ++missing;
                continue;
            }
            int w = 0;
            int h = 0;
            SDL_QueryTexture(tex, nullptr, nullptr, &w, &h);
            Placement p = place_image({w, h}, i->area, i->fit);
            SDL_Rect src{
                static_cast<int>(std::lround(p.src.x)), static_cast<int>(std::lround(p.src.y)),
                static_cast<int>(std::lround(p.src.w)), static_cast<int>(std::lround(p.src.h))};
            SDL_Rect dst{p.dst.x, p.dst.y, p.dst.w, p.dst.h};
            SDL_SetTextureAlphaMod(tex, static_cast<Uint8>(std::lround(255 * i->alpha)));
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

void SdlRenderer::present() {
    SDL_RenderPresent(m_renderer);
}

} // namespace kiosk::render

// Draw list execution.
#include "kiosk/render/sdl_renderer.hpp"

#include "kiosk/core/log.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

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

// Of `textures`, one of the size and format of `s`, given its pixels: an upload into pages already
// in memory (a new texture's are fresh ones, which the kernel faults in and zeroes one by one).
media::TexturePtr reuse(std::vector<media::TexturePtr>& textures, SDL_Surface* s) {
    for (auto& t : textures) {
        Uint32 format = 0;
        int access = 0;
        int w = 0;
        int h = 0;
        if (!t || SDL_QueryTexture(t.get(), &format, &access, &w, &h) != 0)
            continue;
        if (format != s->format->format || access != SDL_TEXTUREACCESS_STATIC || w != s->w ||
            h != s->h)
            continue;
        if (SDL_UpdateTexture(t.get(), nullptr, s->pixels, s->pitch) == 0)
            return std::move(t);
    }
    return nullptr;
}

// Rows drawn together in a faded frame: 32 rows of 1920 pixels, with what is laid over them, fit
// in a core's own cache.
constexpr int kBand = 32;

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
    bool known = SDL_GetRendererInfo(m_renderer, &info) == 0;
    m_software = known && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    m_targets = known && (info.flags & SDL_RENDERER_TARGETTEXTURE) != 0;
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
    log::debug("image", "decoding " + asset + " for " + std::to_string(size.w) + "x" +
                            std::to_string(size.h));
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
        std::size_t bytes =
            static_cast<std::size_t>(d.surface->w) * static_cast<std::size_t>(d.surface->h) * 4;
        // The picture it replaces in the cache goes first (a poster no longer on screen); of the
        // size of this one, its texture takes the new pixels. The decoded pixels go as soon as
        // they are copied.
        auto evicted = m_images.make_room(bytes, m_frame);
        media::TexturePtr tex = reuse(evicted, d.surface.get());
        evicted.clear();
        if (tex)
            ++m_reused_textures;
        else
            tex = upload(m_renderer, d.surface.get());
        d.surface.reset();
        if (!tex) {
            log::error("image", asset_of(d.key) + ": cannot make a texture: " + SDL_GetError());
            state->second = State::Failed;
            continue;
        }
        m_images.put(d.key, std::move(tex), bytes, 0, m_frame);
        m_decodable.insert(d.key);
        m_states.erase(state);
    }
    return !done.empty();
}

SDL_Texture* SdlRenderer::text_texture(const ui::TextCmd& t) {
    // Drawn in its colour (emoji keep theirs), so the colour is part of the key; the alpha is
    // applied when it is drawn.
    char colour[16];
    std::snprintf(colour, sizeof colour, "%02x%02x%02x", t.color.r, t.color.g, t.color.b);
    std::string key =
        std::to_string(t.style.px) + (t.style.bold ? "b" : "r") + colour + "|" + t.text;
    if (SDL_Texture* tex = m_texts.get(key, m_frame))
        return tex;
    auto surface = m_fonts.render(t.text, t.style, Color{t.color.r, t.color.g, t.color.b, 255});
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
    if (auto damage = damaged(list)) {
        // Only parts of the picture changed (the clock's minute, the ticker's slogan, the
        // incoming slide's alpha in a crossfade): the rest of the last frame is still in the
        // software renderer's buffer, and is left as it is.
        const bool covered = covers_screen(list);
        for (const SDL_Rect& part : *damage) {
            if (!covered) {
                SDL_RenderSetClipRect(m_renderer, &part);
                fill({{part.x, part.y, part.w, part.h}, {0, 0, 0, 255}});
            }
            missing = std::max(missing, draw_region(list, part));
        }
        ++m_partial_frames;
    } else {
        // A frame whose opaque bands cover the screen need not be cleared first: in the software
        // renderer a clear is a whole screen of memory written for nothing.
        if (!covers_screen(list)) {
            SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 255);
            SDL_RenderClear(m_renderer);
        }
        missing = draw_region(list, {0, 0, list.screen.w, list.screen.h});
    }
    // The layers this frame did not show (a crossfade that ended) give their memory back: the
    // next crossfade's is drawn ahead, while the screen is still, and meanwhile the picture it
    // took the place of is decoded without it in memory too.
    std::erase_if(m_layers, [this](const Layer& l) { return l.used != m_frame && !l.ahead; });
    if (m_software && missing == 0)
        m_last = list;
    else
        m_last.reset();
    return missing;
}

std::optional<std::vector<SDL_Rect>> SdlRenderer::damaged(const ui::DrawList& list) {
    if (!m_last || m_last->screen != list.screen || m_last->cmds.size() != list.cmds.size())
        return std::nullopt;
    std::vector<SDL_Rect> parts;
    for (std::size_t n = 0; n < list.cmds.size(); ++n) {
        const auto& now = list.cmds[n];
        const auto& before = m_last->cmds[n];
        if (ui::to_text(now) == ui::to_text(before))
            continue;
        const auto* layer_now = std::get_if<ui::LayerCmd>(&now);
        const auto* layer_before = std::get_if<ui::LayerCmd>(&before);
        if (layer_now != nullptr || layer_before != nullptr) {
            // The same layer at another alpha (the next frame of a crossfade) changes the part
            // it is laid on; what it holds is compared item by item below.
            if (layer_now == nullptr || layer_before == nullptr ||
                layer_now->area != layer_before->area || layer_now->count != layer_before->count)
                return std::nullopt;
            Rect e = layer_in_frame(list.cmds, n).extent;
            if (!e.empty())
                parts.push_back({e.x, e.y, e.w, e.h});
            continue;
        }
        for (const auto* cmd : {&now, &before}) {
            auto b = bounds_of(*cmd);
            if (!b)
                return std::nullopt; // A text that cannot be drawn: the frame is drawn whole.
            if (SDL_RectEmpty(&*b))
                continue;
            // Joined to a part it touches (a line of text to the one it replaces), kept apart
            // from one across the screen (the clock from the ticker).
            bool joined = false;
            for (auto& p : parts) {
                SDL_Rect grown{p.x - 8, p.y - 8, p.w + 16, p.h + 16};
                if (SDL_HasIntersection(&grown, &*b)) {
                    SDL_UnionRect(&p, &*b, &p);
                    joined = true;
                    break;
                }
            }
            if (!joined)
                parts.push_back(*b);
        }
    }
    // In many pieces, or as large as the screen, drawing it all is as quick.
    long area = 0;
    for (const auto& p : parts)
        area += static_cast<long>(p.w) * p.h;
    if (parts.size() > 4 || area >= static_cast<long>(list.screen.w) * list.screen.h)
        return std::nullopt;
    return parts;
}

int SdlRenderer::draw_region(const ui::DrawList& list, SDL_Rect region) {
    int missing = 0;
    bool faded = std::any_of(list.cmds.begin(), list.cmds.end(), [](const ui::DrawCmd& c) {
        const auto* l = std::get_if<ui::LayerCmd>(&c);
        return l != nullptr && l->alpha > 0.0 && l->alpha < 1.0;
    });
    // In software a faded frame is drawn a band of rows at a time: each band's pixels stay in the
    // processor's cache from the outgoing slide's copy to the incoming one's blend, instead of
    // going out to memory and back between them.
    const int band = m_software && faded ? kBand : region.h;
    for (int y = region.y; y < region.y + region.h; y += std::max(band, 1)) {
        SDL_Rect part{region.x, y, region.w, std::min(band, region.y + region.h - y)};
        SDL_RenderSetClipRect(m_renderer, &part);
        missing = std::max(missing, draw_range(list.cmds, 0, list.cmds.size(), 0, 0, 1.0));
    }
    SDL_RenderSetClipRect(m_renderer, nullptr);
    return missing;
}

bool SdlRenderer::covers_screen(const ui::DrawList& list) const {
    // Opaque fills of the whole width, wherever they are in the list: whatever is drawn before or
    // after one, its rows never show the clear.
    std::vector<std::pair<int, int>> rows;
    for (std::size_t n = 0; n < list.cmds.size(); ++n) {
        const auto& cmd = list.cmds[n];
        if (const auto* l = std::get_if<ui::LayerCmd>(&cmd)) {
            n += l->count; // A layer may be translucent: what it holds covers nothing.
            continue;
        }
        const auto* f = std::get_if<ui::FillCmd>(&cmd);
        if (f != nullptr && f->color.a == 255 && f->rect.x <= 0 &&
            f->rect.x + f->rect.w >= list.screen.w && f->rect.h > 0)
            rows.emplace_back(f->rect.y, f->rect.y + f->rect.h);
    }
    std::sort(rows.begin(), rows.end());
    int covered = 0;
    for (auto [from, to] : rows) {
        if (from > covered)
            return false;
        covered = std::max(covered, to);
    }
    return covered >= list.screen.h;
}

int SdlRenderer::draw_range(const std::vector<ui::DrawCmd>& cmds, std::size_t begin,
                            std::size_t end, int dx, int dy, double alpha) {
    int missing = 0;
    auto scaled = [alpha](Uint8 a) { return static_cast<Uint8>(std::lround(a * alpha)); };
    for (std::size_t n = begin; n < end; ++n) {
        const auto& cmd = cmds[n];
        if (const auto* f = std::get_if<ui::FillCmd>(&cmd)) {
            ui::FillCmd moved = *f;
            moved.rect.x += dx;
            moved.rect.y += dy;
            moved.color.a = scaled(f->color.a);
            // What an opaque picture drawn later covers need not be filled: a slide's background
            // under its poster is most of the screen, written for nothing on every frame.
            auto hole = moved.color.a == 255
                            ? opaque_cover(cmds, n + 1, end, dx, dy, alpha, moved.rect)
                            : std::nullopt;
            if (!hole) {
                fill(moved);
                continue;
            }
            const Rect r = moved.rect;
            const Rect h = *hole;
            for (Rect part :
                 {Rect{r.x, r.y, r.w, h.y - r.y}, Rect{r.x, h.y + h.h, r.w, r.y + r.h - h.y - h.h},
                  Rect{r.x, h.y, h.x - r.x, h.h},
                  Rect{h.x + h.w, h.y, r.x + r.w - h.x - h.w, h.h}}) {
                if (!part.empty())
                    fill({part, moved.color});
            }
        } else if (const auto* i = std::get_if<ui::ImageCmd>(&cmd)) {
            auto p = placed(*i, dx, dy, alpha);
            if (!p) {
                ++missing;
                continue;
            }
            SDL_SetTextureBlendMode(p->texture,
                                    p->opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
            SDL_SetTextureAlphaMod(p->texture, p->alpha);
            SDL_RenderCopy(m_renderer, p->texture, &p->src, &p->dst);
        } else if (const auto* t = std::get_if<ui::TextCmd>(&cmd)) {
            SDL_Texture* tex = text_texture(*t);
            if (tex == nullptr)
                continue;
            int w = 0;
            int h = 0;
            SDL_QueryTexture(tex, nullptr, nullptr, &w, &h);
            SDL_SetTextureAlphaMod(tex, scaled(t->color.a));
            SDL_Rect dst{t->x + dx, t->y + dy, w, h};
            SDL_RenderCopy(m_renderer, tex, nullptr, &dst);
        } else if (const auto* l = std::get_if<ui::LayerCmd>(&cmd)) {
            std::size_t last = std::min(end, n + 1 + l->count);
            if (dx == 0 && dy == 0 && alpha == 1.0)
                missing += draw_layer(cmds, n);
            else // Layers do not nest: an inner one is drawn item by item.
                missing += draw_range(cmds, n + 1, last, dx, dy, alpha * l->alpha);
            n = last - 1;
        }
    }
    return missing;
}

std::optional<SdlRenderer::Placed> SdlRenderer::placed(const ui::ImageCmd& i, int dx, int dy,
                                                       double alpha) {
    SDL_Texture* tex = image_texture(i.asset, i.area, i.fit, true);
    if (tex == nullptr)
        return std::nullopt;
    int w = 0;
    int h = 0;
    Uint32 format = 0;
    SDL_QueryTexture(tex, &format, nullptr, &w, &h);
    Placement p = place_image({w, h}, i.area, i.fit);
    Placed out;
    out.texture = tex;
    out.src = {static_cast<int>(std::lround(p.src.x)), static_cast<int>(std::lround(p.src.y)),
               static_cast<int>(std::lround(p.src.w)), static_cast<int>(std::lround(p.src.h))};
    out.dst = {p.dst.x + dx, p.dst.y + dy, p.dst.w, p.dst.h};
    out.alpha = static_cast<Uint8>(std::lround(255 * std::clamp(i.alpha * alpha, 0.0, 1.0)));
    // An opaque picture at full alpha is a plain copy; blending it would only cost time (in
    // SDL's software renderer, more than the copy itself).
    out.opaque = out.alpha == 255 && !SDL_ISPIXELFORMAT_ALPHA(format);
    return out;
}

std::optional<Rect> SdlRenderer::opaque_cover(const std::vector<ui::DrawCmd>& cmds,
                                              std::size_t from, std::size_t end, int dx, int dy,
                                              double alpha, Rect fill) {
    for (std::size_t n = from; n < end; ++n) {
        if (const auto* l = std::get_if<ui::LayerCmd>(&cmds[n])) {
            n += l->count; // Cut to its area and perhaps translucent: covers nothing for sure.
            continue;
        }
        const auto* i = std::get_if<ui::ImageCmd>(&cmds[n]);
        if (i == nullptr)
            continue;
        auto p = placed(*i, dx, dy, alpha);
        if (!p || !p->opaque || p->src.w != p->dst.w || p->src.h != p->dst.h)
            continue; // A scaled copy may leave its edge pixels to what is under it.
        const SDL_Rect& d = p->dst;
        if (d.x >= fill.x && d.y >= fill.y && d.x + d.w <= fill.x + fill.w &&
            d.y + d.h <= fill.y + fill.h && d.w > 0 && d.h > 0)
            return Rect{d.x, d.y, d.w, d.h};
    }
    return std::nullopt;
}

int SdlRenderer::draw_layer(const std::vector<ui::DrawCmd>& cmds, std::size_t at) {
    const auto& l = std::get<ui::LayerCmd>(cmds[at]);
    std::size_t begin = at + 1;
    std::size_t end = std::min(cmds.size(), begin + l.count);
    SDL_Rect area{l.area.x, l.area.y, l.area.w, l.area.h};
    auto a = static_cast<Uint8>(std::lround(255 * std::clamp(l.alpha, 0.0, 1.0)));
    if (a == 0 || l.area.empty()) {
        // Not seen, but what it needs is asked for, so that it is ready when it is.
        for (std::size_t n = begin; n < end; ++n)
            if (const auto* i = std::get_if<ui::ImageCmd>(&cmds[n]))
                image_texture(i->asset, i->area, i->fit, true);
        return 0;
    }
    auto direct = [&] {
        // Opaque, or where textures cannot be drawn into: drawn straight onto the frame, cut to
        // its area (then items fade one by one, as the layer's alpha is given to each).
        SDL_Rect clip{};
        bool clipped = SDL_RenderIsClipEnabled(m_renderer) == SDL_TRUE;
        if (clipped)
            SDL_RenderGetClipRect(m_renderer, &clip);
        SDL_Rect cut = area;
        if (clipped && SDL_IntersectRect(&area, &clip, &cut) == SDL_FALSE)
            return 0;
        SDL_RenderSetClipRect(m_renderer, &cut);
        fill({l.area, {0, 0, 0, a}});
        int missing = draw_range(cmds, begin, end, 0, 0, l.alpha);
        SDL_RenderSetClipRect(m_renderer, clipped ? &clip : nullptr);
        return missing;
    };
    if (a == 255 || !m_targets)
        return direct();

    // Drawn in bands, a frame comes here once a band: what is worked out once a frame is kept.
    const LayerInFrame& in_frame = layer_in_frame(cmds, at);
    int missing = 0;
    Layer* layer = render_layer(cmds, begin, end, l.area, in_frame.key, missing);
    if (layer == nullptr)
        return direct();
    layer->used = m_frame;
    layer->ahead = false;
    const Rect& e = in_frame.extent;
    if (e.empty())
        return missing; // Nothing under the layer differs from it.
    SDL_Rect src{e.x - l.area.x, e.y - l.area.y, e.w, e.h};
    SDL_Rect dst{e.x, e.y, e.w, e.h};
    SDL_SetTextureAlphaMod(layer->texture.get(), a);
    SDL_RenderCopy(m_renderer, layer->texture.get(), &src, &dst);
    return missing;
}

std::optional<SDL_Rect> SdlRenderer::bounds_of(const ui::DrawCmd& cmd) {
    if (const auto* f = std::get_if<ui::FillCmd>(&cmd))
        return SDL_Rect{f->rect.x, f->rect.y, f->rect.w, f->rect.h};
    if (const auto* i = std::get_if<ui::ImageCmd>(&cmd)) {
        if (auto p = placed(*i, 0, 0, 1.0))
            return p->dst;
        return SDL_Rect{i->area.x, i->area.y, i->area.w, i->area.h}; // Not decoded yet.
    }
    if (const auto* t = std::get_if<ui::TextCmd>(&cmd)) {
        int w = 0;
        int h = 0;
        SDL_Texture* tex = text_texture(*t);
        if (tex == nullptr || SDL_QueryTexture(tex, nullptr, nullptr, &w, &h) != 0)
            return std::nullopt;
        return SDL_Rect{t->x, t->y, w, h};
    }
    return std::nullopt; // A layer.
}

namespace {

// What a layer's texture holds: its place and its commands as text.
std::string layer_key(const std::vector<ui::DrawCmd>& cmds, std::size_t begin, std::size_t end,
                      Rect area) {
    std::string key = std::to_string(area.x) + "," + std::to_string(area.y) + "\n";
    for (std::size_t n = begin; n < end; ++n)
        key += ui::to_text(cmds[n]) + "\n";
    return key;
}

} // namespace

const SdlRenderer::LayerInFrame& SdlRenderer::layer_in_frame(const std::vector<ui::DrawCmd>& cmds,
                                                             std::size_t at) {
    if (m_layer_in_frame.frame != m_frame || m_layer_in_frame.at != at) {
        const auto& l = std::get<ui::LayerCmd>(cmds[at]);
        m_layer_in_frame = {
            m_frame, at, layer_key(cmds, at + 1, std::min(cmds.size(), at + 1 + l.count), l.area),
            fade_extent(cmds, at)};
    }
    return m_layer_in_frame;
}

Rect SdlRenderer::fade_extent(const std::vector<ui::DrawCmd>& cmds, std::size_t at) {
    const auto& l = std::get<ui::LayerCmd>(cmds[at]);
    const std::size_t begin = at + 1;
    const std::size_t end = std::min(cmds.size(), begin + l.count);
    auto covers = [&l](Rect r) {
        return r.x <= l.area.x && r.y <= l.area.y && r.x + r.w >= l.area.x + l.area.w &&
               r.y + r.h >= l.area.y + l.area.h;
    };
    // The layer's own background: an opaque fill of its whole area, first.
    const auto* bg = begin < end ? std::get_if<ui::FillCmd>(&cmds[begin]) : nullptr;
    if (bg == nullptr || bg->color.a != 255 || !covers(bg->rect))
        return l.area;
    // The last fill of the same colour over the whole area before the layer, at the top level
    // (the outgoing slide's background).
    std::optional<std::size_t> under;
    for (std::size_t n = 0; n < at; ++n) {
        if (const auto* inner = std::get_if<ui::LayerCmd>(&cmds[n])) {
            n += inner->count;
            under.reset(); // What that layer left is not known here.
            continue;
        }
        const auto* f = std::get_if<ui::FillCmd>(&cmds[n]);
        if (f != nullptr && f->color == bg->color && covers(f->rect))
            under = n;
    }
    if (!under)
        return l.area;
    // Outside what was drawn over that fill and what the layer draws over its own background,
    // the layer lays a colour on itself.
    SDL_Rect u{0, 0, 0, 0};
    for (std::size_t n = *under + 1; n < end; ++n) {
        if (n == at || n == begin)
            continue; // The layer itself and its background.
        auto b = bounds_of(cmds[n]);
        if (!b)
            return l.area;
        if (SDL_RectEmpty(&*b))
            continue;
        if (SDL_RectEmpty(&u))
            u = *b;
        else
            SDL_UnionRect(&u, &*b, &u);
    }
    SDL_Rect area{l.area.x, l.area.y, l.area.w, l.area.h};
    SDL_Rect cut{0, 0, 0, 0};
    if (SDL_RectEmpty(&u) || SDL_IntersectRect(&u, &area, &cut) == SDL_FALSE)
        return {};
    return {cut.x, cut.y, cut.w, cut.h};
}

SdlRenderer::Layer* SdlRenderer::render_layer(const std::vector<ui::DrawCmd>& cmds,
                                              std::size_t begin, std::size_t end, Rect area,
                                              const std::string& key, int& missing) {
    Layer* layer = layer_for(key, {area.w, area.h});
    if (layer == nullptr || layer->key == key)
        return layer;
    SDL_Texture* previous = SDL_GetRenderTarget(m_renderer);
    // Drawing into another texture loses the clip rectangle of the one drawn into now.
    SDL_Rect clip{};
    bool clipped = SDL_RenderIsClipEnabled(m_renderer) == SDL_TRUE;
    if (clipped)
        SDL_RenderGetClipRect(m_renderer, &clip);
    if (SDL_SetRenderTarget(m_renderer, layer->texture.get()) != 0) {
        log::warn("render", std::string("cannot draw into a texture: ") + SDL_GetError());
        m_targets = false;
        m_layers.clear();
        SDL_SetRenderTarget(m_renderer, previous);
        return nullptr;
    }
    SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 255);
    SDL_RenderClear(m_renderer);
    missing = draw_range(cmds, begin, end, -area.x, -area.y, 1.0);
    SDL_SetRenderTarget(m_renderer, previous);
    SDL_RenderSetClipRect(m_renderer, clipped ? &clip : nullptr);
    // Drawn with an image still decoding: drawn again on the next frame.
    layer->key = missing == 0 ? key : std::string{};
    return layer;
}

bool SdlRenderer::prepare_layer(const ui::DrawList& content, Rect area) {
    if (!m_targets || area.empty())
        return false;
    for (const auto& cmd : content.cmds) {
        if (const auto* i = std::get_if<ui::ImageCmd>(&cmd);
            i != nullptr && image_texture(i->asset, i->area, i->fit, true) == nullptr)
            return false; // Not decoded yet: asked for, and tried again once it is.
    }
    int missing = 0;
    Layer* layer = render_layer(content.cmds, 0, content.cmds.size(), area,
                                layer_key(content.cmds, 0, content.cmds.size(), area), missing);
    if (layer == nullptr || missing > 0)
        return false;
    layer->ahead = true;
    return true;
}

SdlRenderer::Layer* SdlRenderer::layer_for(const std::string& key, Size size) {
    for (auto& l : m_layers)
        if (l.key == key && l.size == size)
            return &l;
    // A texture of the right size that this frame has not used yet is drawn over.
    for (auto& l : m_layers)
        if (l.size == size && l.used != m_frame)
            return &l;
    // Two at most: the incoming slide of a crossfade and a browsing screen fading over it.
    if (m_layers.size() >= 2)
        return nullptr;
    // Without an alpha channel: the layer is opaque, and SDL's software renderer fades an opaque
    // picture several times faster than one with alpha.
    media::TexturePtr t(SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_RGB888,
                                          SDL_TEXTUREACCESS_TARGET, size.w, size.h));
    if (!t)
        return nullptr;
    SDL_SetTextureBlendMode(t.get(), SDL_BLENDMODE_BLEND);
    m_layers.push_back({std::string{}, std::move(t), size, 0});
    return &m_layers.back();
}

void SdlRenderer::fill(ui::FillCmd f) {
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

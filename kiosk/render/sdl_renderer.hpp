// Draws a draw list with an SDL_Renderer. Images come from the decode worker and are uploaded here,
// on the main thread; text lines are rendered once and kept as textures.
#pragma once

#include "kiosk/content/bundle.hpp"
#include "kiosk/content/player.hpp"
#include "kiosk/media/font_set.hpp"
#include "kiosk/media/image_loader.hpp"
#include "kiosk/render/texture_cache.hpp"
#include "kiosk/ui/draw_list.hpp"

#include <map>
#include <memory>

namespace kiosk::render {

struct Budgets {
    std::size_t image_bytes{192u << 20};
    std::size_t text_bytes{48u << 20};
};

class SdlRenderer {
public:
    SdlRenderer(SDL_Renderer* renderer, const media::FontSet& fonts, media::ImageLoader& loader,
                Budgets budgets = {});

    // Images of a new bundle replace the old ones.
    void set_bundle(std::shared_ptr<const content::Bundle> bundle);

    // Draws the list into the back buffer. Returns the number of images that were not decoded yet.
    int draw(const ui::DrawList& list);
    void present();

    // Whether the image for `area` is ready; asks the worker for it when it is not.
    content::Readiness image_state(const std::string& asset, Size area, Fit fit);
    // Prepares a frame that is coming (text rendered, images requested) without drawing it.
    void warm(const ui::DrawList& list);
    // Uploads what the worker finished. Returns true if anything arrived.
    bool accept_decoded();

    // Frames drawn so far; textures not used since frame `frame` are released. The budgets bound
    // the caches; this keeps them to what the screen has used lately, so that texts shown once
    // (a clock's minutes, yesterday's timetable) do not fill them up over the days.
    std::uint64_t frame() const { return m_frame; }
    void drop_unused_before(std::uint64_t frame) {
        m_images.drop_unused_before(frame);
        m_texts.drop_unused_before(frame);
    }

    std::size_t image_bytes() const { return m_images.bytes(); }
    std::size_t text_bytes() const { return m_texts.bytes(); }

private:
    enum class State { Pending, Failed };
    SDL_Texture* image_texture(const std::string& asset, Rect area, Fit fit, bool request);
    std::string key_of(const std::string& asset, Size area, Fit fit) const;
    SDL_Texture* text_texture(const ui::TextCmd& t);

    SDL_Renderer* m_renderer;
    const media::FontSet& m_fonts;
    media::ImageLoader& m_loader;
    std::shared_ptr<const content::Bundle> m_bundle;
    TextureCache m_images;
    TextureCache m_texts;
    std::map<std::string, State> m_states; // Images asked for but not in the cache.
    std::uint64_t m_frame{1};
};

} // namespace kiosk::render

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
#include <optional>
#include <set>

namespace kiosk::render {

struct Budgets {
    std::size_t image_bytes{192u << 20};
    std::size_t text_bytes{48u << 20};
};

// Budgets for a screen of `screen` pixels: room for two screen-sized pictures, the slide on screen
// and the next one, decoded ahead while the screen is still (the one fading out during a
// transition is on screen too, and the cache never evicts what is). Keeping every poster of a
// long loop instead would cost up to 8 MB a poster at 1080p, for no gain: the next one is always
// decoded before it is needed.
Budgets budgets_for(Size screen);

class SdlRenderer {
public:
    SdlRenderer(SDL_Renderer* renderer, const media::FontSet& fonts, media::ImageLoader& loader,
                Budgets budgets = {});

    // Images of a new bundle replace the old ones.
    void set_bundle(std::shared_ptr<const content::Bundle> bundle);

    // Draws the list into the back buffer. Returns the number of images that were not decoded yet.
    int draw(const ui::DrawList& list);
    void present();
    // The picture on screen was lost (the window was uncovered or resized): the next frame is
    // drawn whole. Otherwise, in the software renderer, a frame that differs from the last in a
    // small part is drawn in that part alone.
    void invalidate() { m_last.reset(); }
    // Frames drawn in part only, so far.
    std::uint64_t partial_frames() const { return m_partial_frames; }

    // Whether the image for `area` is ready; asks the worker for it when it is not.
    content::Readiness image_state(const std::string& asset, Size area, Fit fit);
    // Whether the image for `area` was decoded once already, even if the cache has let it go
    // since. Simulated time needs no more to move on: what a frame shows is decoded before it
    // is drawn.
    bool decoded_before(const std::string& asset, Size area, Fit fit) const;
    // Prepares a frame that is coming (text rendered, images requested) without drawing it.
    void warm(const ui::DrawList& list);
    // Draws `content` into a layer over `area` ahead of the crossfade that will show it, so the
    // fade's first frame costs no more than the others. False while its images are decoding
    // (they are asked for), or where the renderer cannot draw into textures.
    bool prepare_layer(const ui::DrawList& content, Rect area);
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
    // Decoded pictures put into the texture of one the cache let go, instead of a new one.
    std::uint64_t reused_textures() const { return m_reused_textures; }
    // The part of the screen the last faded layer was laid on (fade_extent()).
    Rect last_fade_extent() const { return m_layer_in_frame.extent; }
    // Layers kept for the frames that follow: the one this frame showed, and one drawn ahead for
    // the next crossfade; none once a fade is over and the next is not drawn yet.
    std::size_t layers() const { return m_layers.size(); }
    std::size_t text_bytes() const { return m_texts.bytes(); }

private:
    enum class State { Pending, Failed };
    // A layer drawn into a texture of its own, kept while the frames that follow show the same
    // layer at another alpha (a crossfade draws the incoming slide once, not thirty times).
    struct Layer {
        std::string key; // The layer's commands as text; empty if drawn with images missing.
        media::TexturePtr texture;
        Size size;
        std::uint64_t used{};
        bool ahead{}; // Drawn ahead of the frame that shows it, and kept for it.
    };
    // The layer of cmds[begin, end) over `area`, drawn now unless it is kept from before.
    Layer* render_layer(const std::vector<ui::DrawCmd>& cmds, std::size_t begin, std::size_t end,
                        Rect area, const std::string& key, int& missing);
    // A faded layer's key and fade extent, worked out once for the frame being drawn.
    struct LayerInFrame {
        std::uint64_t frame{};
        std::size_t at{};
        std::string key;
        Rect extent;
    };
    const LayerInFrame& layer_in_frame(const std::vector<ui::DrawCmd>& cmds, std::size_t at);
    // Where a command draws: a fill's rectangle, a picture's placed rectangle (its area while it
    // decodes), a text's; nothing for a layer or a text that cannot be drawn.
    std::optional<SDL_Rect> bounds_of(const ui::DrawCmd& cmd);
    // Draws cmds[begin, end) moved by (dx, dy) with their alpha times `alpha`; returns the number
    // of images missing.
    int draw_range(const std::vector<ui::DrawCmd>& cmds, std::size_t begin, std::size_t end, int dx,
                   int dy, double alpha);
    int draw_layer(const std::vector<ui::DrawCmd>& cmds, std::size_t at);
    Layer* layer_for(const std::string& key, Size size);
    // An image command as it is drawn: its texture and rectangles, or nothing while it decodes.
    struct Placed {
        SDL_Texture* texture{};
        SDL_Rect src{};
        SDL_Rect dst{};
        Uint8 alpha{};
        bool opaque{}; // Drawn as a plain copy.
    };
    std::optional<Placed> placed(const ui::ImageCmd& i, int dx, int dy, double alpha);
    // The rectangle of the first opaque picture in cmds[from, end) that lies wholly inside `fill`.
    std::optional<Rect> opaque_cover(const std::vector<ui::DrawCmd>& cmds, std::size_t from,
                                     std::size_t end, int dx, int dy, double alpha, Rect fill);
    bool covers_screen(const ui::DrawList& list) const;
    // The part of the faded layer cmds[at] that can differ from what is under it. Where the
    // layer's background (its first command, an opaque fill of its area) lies over a fill of the
    // same colour, only what was drawn over that fill since, or over the layer's background,
    // changes pixels: elsewhere the fade would blend a colour with itself. Two portrait posters
    // on a landscape screen fade in their own width, not the screen's.
    Rect fade_extent(const std::vector<ui::DrawCmd>& cmds, std::size_t at);
    // The parts that differ from the last frame drawn, when they can be drawn alone (none if
    // nothing changed); nothing when the whole frame is to be drawn.
    std::optional<std::vector<SDL_Rect>> damaged(const ui::DrawList& list);
    // Draws the whole list cut to `region` (in bands of rows when faded, in software).
    int draw_region(const ui::DrawList& list, SDL_Rect region);
    SDL_Texture* image_texture(const std::string& asset, Rect area, Fit fit, bool request);
    std::string key_of(const std::string& asset, Size area, Fit fit) const;
    SDL_Texture* text_texture(const ui::TextCmd& t);
    void fill(ui::FillCmd f);

    SDL_Renderer* m_renderer;
    const media::FontSet& m_fonts;
    media::ImageLoader& m_loader;
    std::shared_ptr<const content::Bundle> m_bundle;
    TextureCache m_images;
    TextureCache m_texts;
    std::map<std::string, State> m_states; // Images asked for but not in the cache.
    std::set<std::string> m_decodable;     // Images decoded at least once, of this bundle.
    std::uint64_t m_frame{1};
    bool m_software{false}; // SDL's software renderer (blended fills are slow there).
    // Opaque tiles of one colour each, for translucent fills in the software renderer.
    std::map<std::uint32_t, media::TexturePtr> m_fill_tiles;
    std::vector<Layer> m_layers; // Those of the last frame drawn.
    LayerInFrame m_layer_in_frame;
    std::optional<ui::DrawList> m_last; // The last frame, whole on screen (software only).
    std::uint64_t m_partial_frames{};
    std::uint64_t m_reused_textures{};
    bool m_targets{false}; // Whether the renderer can draw into textures.
};

} // namespace kiosk::render

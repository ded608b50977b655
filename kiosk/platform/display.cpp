// Window, renderer and screenshot.
#include "kiosk/platform/display.hpp"

#include "kiosk/core/log.hpp"

#include <SDL_image.h>

#include <utility>

namespace kiosk::platform {

Result<std::unique_ptr<Display>> Display::open(const DisplayOptions& o) {
    std::unique_ptr<Display> d(new Display());
    if (o.headless) {
        if (!o.size)
            return fail("a headless run needs --size WxH");
        d->m_size = *o.size;
        // Without an alpha channel, like a window's: SDL copies an opaque picture onto it as
        // plain memory, where a frame with alpha would have each pixel's alpha set one by one.
        d->m_surface.reset(
            SDL_CreateRGBSurfaceWithFormat(0, o.size->w, o.size->h, 32, SDL_PIXELFORMAT_RGB888));
        if (!d->m_surface)
            return fail(std::string("cannot make a ") + std::to_string(o.size->w) + "x" +
                        std::to_string(o.size->h) + " frame: " + SDL_GetError());
        d->m_renderer = SDL_CreateSoftwareRenderer(d->m_surface.get());
        if (d->m_renderer == nullptr)
            return fail(std::string("cannot make a renderer: ") + SDL_GetError());
        d->m_rotation = o.rotation;
        if (!d->set_up_rotation())
            return fail(std::string("cannot make the rotated frame: ") + SDL_GetError());
        return d;
    }
    Uint32 flags = SDL_WINDOW_HIDDEN | SDL_WINDOW_ALLOW_HIGHDPI; // Shown by show().
    int w = 0;
    int h = 0;
    if (o.windowed && o.size) {
        w = o.size->w;
        h = o.size->h;
    } else if (o.windowed) {
        SDL_DisplayMode mode{};
        if (SDL_GetDesktopDisplayMode(0, &mode) != 0)
            return fail(std::string("cannot read the screen's size: ") + SDL_GetError());
        w = mode.w * 4 / 5;
        h = mode.h * 4 / 5;
    } else {
        SDL_DisplayMode mode{};
        if (SDL_GetDesktopDisplayMode(0, &mode) != 0)
            return fail(std::string("cannot read the screen's size: ") + SDL_GetError());
        w = o.size ? o.size->w : mode.w;
        h = o.size ? o.size->h : mode.h;
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
    const bool gpu = has_gpu_device();
    const auto choice = resolve_renderer(o.renderer, gpu);
    if (choice == RendererChoice::Software) {
        // Otherwise SDL would put the software renderer's frames on screen through an OpenGL
        // texture: Mesa's CPU emulation of OpenGL where there is no GPU.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    d->m_window =
        SDL_CreateWindow("kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (d->m_window == nullptr)
        return fail(std::string("cannot open a window: ") + SDL_GetError());
    if (choice == RendererChoice::Accelerated) {
        d->m_renderer = SDL_CreateRenderer(d->m_window, -1,
                                           SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        if (d->m_renderer == nullptr)
            log::warn("display", std::string("no accelerated renderer (") + SDL_GetError() +
                                     "), drawing in software");
    }
    if (d->m_renderer == nullptr)
        d->m_renderer = SDL_CreateRenderer(d->m_window, -1, SDL_RENDERER_SOFTWARE);
    if (d->m_renderer == nullptr)
        return fail(std::string("cannot make a renderer: ") + SDL_GetError());
    if (o.renderer == RendererChoice::Auto)
        log::info("display", gpu ? "a GPU is present: drawing with SDL's accelerated renderer"
                                 : "no GPU (no render node in /dev/dri): drawing in software");
    SDL_DisplayMode current{};
    int index = SDL_GetWindowDisplayIndex(d->m_window);
    if (index >= 0 && SDL_GetCurrentDisplayMode(index, &current) == 0 &&
        current.refresh_rate >= 20 && current.refresh_rate <= 500)
        d->m_frame_interval = std::chrono::microseconds{1'000'000 / current.refresh_rate};
    SDL_ShowCursor(SDL_DISABLE);
    d->m_rotation = o.rotation;
    d->refresh_size();
    if (!d->set_up_rotation())
        return fail(std::string("cannot make the rotated frame: ") + SDL_GetError());
    return d;
}

Display::~Display() {
    m_target.reset(); // Before its renderer.
    if (m_renderer != nullptr)
        SDL_DestroyRenderer(m_renderer);
    if (m_window != nullptr)
        SDL_DestroyWindow(m_window);
}

Size Display::refresh_size() {
    if (m_window != nullptr) {
        int w = 0;
        int h = 0;
        if (SDL_GetRendererOutputSize(m_renderer, &w, &h) == 0)
            m_size = m_rotation % 180 == 0 ? Size{w, h} : Size{h, w};
        if (m_target && !set_up_rotation())
            log::error("display", std::string("cannot make the rotated frame: ") + SDL_GetError());
    }
    return m_size;
}

bool Display::set_up_rotation() {
    if (m_rotation == 0)
        return true;
    int w = 0;
    int h = 0;
    SDL_SetRenderTarget(m_renderer, nullptr);
    if (SDL_GetRendererOutputSize(m_renderer, &w, &h) != 0)
        return false;
    m_size = m_rotation % 180 == 0 ? Size{w, h} : Size{h, w};
    m_target.reset(SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET,
                                     m_size.w, m_size.h));
    if (!m_target)
        return false;
    SDL_SetTextureBlendMode(m_target.get(), SDL_BLENDMODE_NONE);
    return SDL_SetRenderTarget(m_renderer, m_target.get()) == 0;
}

void Display::show() {
    if (m_window == nullptr || std::exchange(m_shown, true))
        return;
    SDL_ShowWindow(m_window);
    refresh_size();
    log::debug("display",
               "window shown, " + std::to_string(m_size.w) + "x" + std::to_string(m_size.h));
}

void Display::present() {
    // A frame is never drawn into a window nobody sees. The size is not read again here: that
    // would make a new rotated frame under the one just drawn (a resize arrives as an event).
    if (m_window != nullptr && !std::exchange(m_shown, true))
        SDL_ShowWindow(m_window);
    if (!m_target) {
        SDL_RenderPresent(m_renderer);
        return;
    }
    int w = 0;
    int h = 0;
    SDL_SetRenderTarget(m_renderer, nullptr);
    SDL_GetRendererOutputSize(m_renderer, &w, &h);
    SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 255);
    SDL_RenderClear(m_renderer);
    // The frame's rectangle centred on the output, turned about its centre, covers the output.
    SDL_Rect dst{(w - m_size.w) / 2, (h - m_size.h) / 2, m_size.w, m_size.h};
    SDL_RenderCopyEx(m_renderer, m_target.get(), nullptr, &dst, m_rotation, nullptr, SDL_FLIP_NONE);
    SDL_RenderPresent(m_renderer);
    SDL_SetRenderTarget(m_renderer, m_target.get());
}

media::SurfacePtr Display::read_pixels() const {
    media::SurfacePtr shot(
        SDL_CreateRGBSurfaceWithFormat(0, m_size.w, m_size.h, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!shot || SDL_RenderReadPixels(m_renderer, nullptr, SDL_PIXELFORMAT_ARGB8888, shot->pixels,
                                      shot->pitch) != 0)
        return nullptr;
    // Screenshots are opaque, as the screen is.
    SDL_SetSurfaceBlendMode(shot.get(), SDL_BLENDMODE_NONE);
    return media::SurfacePtr(SDL_ConvertSurfaceFormat(shot.get(), SDL_PIXELFORMAT_RGB24, 0));
}

Result<void> Display::save_png(const std::filesystem::path& path) const {
    auto rgb = read_pixels();
    if (!rgb)
        return fail(std::string("screenshot: cannot read pixels: ") + SDL_GetError());
    if (IMG_SavePNG(rgb.get(), path.string().c_str()) != 0)
        return fail(path.string() + ": cannot be written (" + IMG_GetError() + ")");
    return {};
}

} // namespace kiosk::platform

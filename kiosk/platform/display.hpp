// Where frames go: a fullscreen (or sized) window, or an off-screen surface for headless runs and
// screenshots. Either way the rest of the program sees one SDL_Renderer.
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/core/geometry.hpp"
#include "kiosk/media/sdl_ptr.hpp"
#include "kiosk/platform/renderer_choice.hpp"

#include <chrono>

#include <filesystem>
#include <memory>
#include <optional>

namespace kiosk::platform {

struct DisplayOptions {
    bool headless{false};
    bool windowed{false};     // A window of `size` instead of fullscreen.
    std::optional<Size> size; // Headless: required. Window: default is the screen's native size.
    RendererChoice renderer{RendererChoice::Auto}; // Window only: headless draws in software.
    int rotation{0}; // Clockwise degrees (0, 90, 180, 270): how the screen is mounted.
};

class Display {
public:
    static Result<std::unique_ptr<Display>> open(const DisplayOptions& options);
    ~Display();
    Display(const Display&) = delete;
    Display& operator=(const Display&) = delete;

    SDL_Renderer* renderer() const { return m_renderer; }
    // The size frames are drawn at: the output's, turned by the rotation.
    Size size() const { return m_size; }
    // A window is opened hidden: showing it fullscreen takes the display server a while (under
    // X11, SDL waits up to 100 ms for a window manager to answer), which the program spends
    // better by having the first frame's pictures decoded meanwhile. Shows it (once; nothing
    // when headless) and re-reads the size the screen gave it.
    void show();
    // Shows the frame drawn since the last present, turned by the rotation.
    void present();
    // Headless only: the output as the screen would show it (turned), for tests.
    const SDL_Surface* output_surface() const { return m_surface.get(); }
    bool headless() const { return m_window == nullptr; }
    SDL_Window* window() const { return m_window; } // Null when headless.
    // What was last drawn, as 24-bit RGB.
    media::SurfacePtr read_pixels() const;
    // Writes what was last drawn as a PNG.
    Result<void> save_png(const std::filesystem::path& path) const;
    // Re-reads the output size (after the window was resized or rotated).
    Size refresh_size();
    // The time between two frames of the screen (60 Hz where the screen does not say).
    std::chrono::microseconds frame_interval() const { return m_frame_interval; }

private:
    Display() = default;
    // With a rotation, frames are drawn into a target texture of the turned size and copied to
    // the output turned at present: one full-screen copy a frame, only when something changed.
    bool set_up_rotation();
    int m_rotation{0};
    bool m_shown{false};
    media::TexturePtr m_target;
    SDL_Window* m_window{nullptr};
    SDL_Renderer* m_renderer{nullptr};
    media::SurfacePtr m_surface; // Headless target.
    Size m_size;
    std::chrono::microseconds m_frame_interval{16'667};
};

} // namespace kiosk::platform

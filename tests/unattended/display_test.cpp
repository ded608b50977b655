// Screen rotation: frames are drawn at the turned size and reach the output turned clockwise.
#include "kiosk/platform/display.hpp"

#include <gtest/gtest.h>

using namespace kiosk;

namespace {

// The output pixel at (x, y) as 0xRRGGBB.
Uint32 output_rgb(const platform::Display& d, int x, int y) {
    const SDL_Surface* s = d.output_surface();
    auto* row = static_cast<const Uint8*>(s->pixels) + y * s->pitch;
    Uint32 p = reinterpret_cast<const Uint32*>(row)[x];
    Uint8 r = 0, g = 0, b = 0;
    SDL_GetRGB(p, s->format, &r, &g, &b);
    return (Uint32{r} << 16) | (Uint32{g} << 8) | b;
}

// A red square in the frame's top-left corner, presented.
void mark_top_left(platform::Display& d) {
    SDL_SetRenderDrawColor(d.renderer(), 0, 0, 0, 255);
    SDL_RenderClear(d.renderer());
    SDL_SetRenderDrawColor(d.renderer(), 255, 0, 0, 255);
    SDL_Rect r{0, 0, 10, 10};
    SDL_RenderFillRect(d.renderer(), &r);
    d.present();
}

} // namespace

TEST(Rotation, TurnsTheFrameClockwise) {
    struct Case {
        int degrees;
        Size frame;
        int x, y; // Where the frame's top-left corner lands on a 200x100 output.
    };
    for (Case c : {Case{0, {200, 100}, 5, 5}, Case{90, {100, 200}, 194, 5},
                   Case{180, {200, 100}, 194, 94}, Case{270, {100, 200}, 5, 94}}) {
        auto d = platform::Display::open(
            {true, false, Size{200, 100}, platform::RendererChoice::Auto, c.degrees});
        ASSERT_TRUE(d) << d.error().message;
        EXPECT_EQ((*d)->size().w, c.frame.w) << c.degrees;
        EXPECT_EQ((*d)->size().h, c.frame.h) << c.degrees;
        mark_top_left(**d);
        EXPECT_EQ(output_rgb(**d, c.x, c.y), 0xFF0000u) << c.degrees << " degrees";
        EXPECT_EQ(output_rgb(**d, 100, 50), 0x000000u) << c.degrees << " degrees";
        // A screenshot is the frame as drawn (upright), not the turned output.
        auto shot = (*d)->read_pixels();
        ASSERT_TRUE(shot);
        EXPECT_EQ(shot->w, c.frame.w);
        EXPECT_EQ(shot->h, c.frame.h);
        auto* px = static_cast<Uint8*>(shot->pixels); // RGB24: the top-left pixel is red.
        EXPECT_EQ(px[0], 255);
        EXPECT_EQ(px[1], 0);
    }
}

TEST(Window, OpensHiddenUntilShownAndIsShownOnce) {
    // SDL's offscreen video driver: real windows, no display server.
    SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "offscreen", SDL_HINT_OVERRIDE);
    ASSERT_EQ(SDL_InitSubSystem(SDL_INIT_VIDEO), 0) << SDL_GetError();
    {
        auto d = platform::Display::open(
            {false, true, Size{320, 200}, platform::RendererChoice::Software, 0});
        ASSERT_TRUE(d) << d.error().message;
        SDL_Window* w = (*d)->window();
        ASSERT_NE(w, nullptr);
        // Hidden while the program prepares its first frame; its size already known.
        EXPECT_NE(SDL_GetWindowFlags(w) & SDL_WINDOW_HIDDEN, 0u);
        EXPECT_EQ((*d)->size(), (Size{320, 200}));
        (*d)->show();
        EXPECT_NE(SDL_GetWindowFlags(w) & SDL_WINDOW_SHOWN, 0u);
        EXPECT_EQ(SDL_GetWindowFlags(w) & SDL_WINDOW_HIDDEN, 0u);
        // Hidden again by someone else, it is not shown again by show(), which shows it once.
        SDL_HideWindow(w);
        (*d)->show();
        EXPECT_NE(SDL_GetWindowFlags(w) & SDL_WINDOW_HIDDEN, 0u);
    }
    {
        // A frame is never presented into a window nobody sees.
        auto d = platform::Display::open(
            {false, true, Size{320, 200}, platform::RendererChoice::Software, 0});
        ASSERT_TRUE(d) << d.error().message;
        SDL_RenderClear((*d)->renderer());
        (*d)->present();
        EXPECT_NE(SDL_GetWindowFlags((*d)->window()) & SDL_WINDOW_SHOWN, 0u);
    }
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

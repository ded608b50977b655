// The least an SDL program can do to show a poster: open the same fullscreen window as the kiosk,
// draw one image, present it, and wait. Its time to the first frame is the bar for the kiosk's
// under a display server, where mapping the window costs the same for both.
//   first-image IMAGE [--renderer software|accelerated] [--run-for SECONDS]
// Prints "first frame N ms after start" like kiosk --stats. The renderer is made as the kiosk
// makes it (kiosk/platform/display.cpp); without --renderer, SDL's accelerated one.
#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
    const auto start = std::chrono::steady_clock::now();
    double run_for = 0.0;
    bool software = false;
    bool usage = argc < 2;
    for (int i = 2; i < argc && !usage; i += 2) {
        if (i + 1 >= argc)
            usage = true;
        else if (std::strcmp(argv[i], "--run-for") == 0)
            run_for = std::atof(argv[i + 1]);
        else if (std::strcmp(argv[i], "--renderer") == 0)
            software = std::strcmp(argv[i + 1], "software") == 0;
        else
            usage = true;
    }
    if (usage) {
        std::fprintf(stderr,
                     "usage: first-image IMAGE [--renderer software|accelerated] [--run-for S]\n");
        return 2;
    }
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    if (software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        std::fprintf(stderr, "first-image: %s\n", SDL_GetError());
        return 3;
    }
    IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG);
    SDL_DisplayMode mode{};
    SDL_GetDesktopDisplayMode(0, &mode);
    SDL_Window* window = SDL_CreateWindow(
        "first-image", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, mode.w, mode.h,
        SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_FULLSCREEN_DESKTOP);
    SDL_Renderer* renderer =
        window == nullptr || software
            ? nullptr
            : SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (renderer == nullptr && window != nullptr)
        renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    SDL_Surface* image = IMG_Load(argv[1]);
    if (renderer == nullptr || image == nullptr) {
        std::fprintf(stderr, "first-image: %s\n", SDL_GetError());
        return 2;
    }
    SDL_ShowCursor(SDL_DISABLE);
    SDL_Texture* texture = SDL_CreateTextureFromSurface(renderer, image);
    int w = 0;
    int h = 0;
    SDL_GetRendererOutputSize(renderer, &w, &h);
    // Fit the image in the screen, centred.
    double scale = std::min(static_cast<double>(w) / image->w, static_cast<double>(h) / image->h);
    SDL_Rect dst{0, 0, static_cast<int>(image->w * scale), static_cast<int>(image->h * scale)};
    dst.x = (w - dst.w) / 2;
    dst.y = (h - dst.h) / 2;
    SDL_FreeSurface(image);
    SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
    SDL_RenderClear(renderer);
    SDL_RenderCopy(renderer, texture, nullptr, &dst);
    SDL_RenderPresent(renderer);
    const auto first = std::chrono::steady_clock::now();
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(renderer, &info);
    std::printf("first-image: renderer %s; first frame %.1f ms after start\n", info.name,
                std::chrono::duration<double, std::milli>(first - start).count());
    std::fflush(stdout);
    const auto end = first + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                 std::chrono::duration<double>(run_for));
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        end - std::chrono::steady_clock::now())
                        .count();
        if (run_for > 0 && left <= 0)
            break;
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, run_for > 0 ? static_cast<int>(left) : 1000) != 0 &&
            e.type == SDL_QUIT)
            break;
        if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_EXPOSED) {
            SDL_RenderClear(renderer);
            SDL_RenderCopy(renderer, texture, nullptr, &dst);
            SDL_RenderPresent(renderer);
        }
    }
    SDL_DestroyTexture(texture);
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    IMG_Quit();
    SDL_Quit();
    return 0;
}

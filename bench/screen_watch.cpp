// Watches an X screen until a rectangle of it shows a given colour, then prints the moment
// (CLOCK_MONOTONIC seconds, the clock of Python's time.monotonic) and exits: how the benchmark
// tells when a player's first poster is on screen, whatever the player.
//   screen-watch DISPLAY X Y W H RRGGBB TOLERANCE TIMEOUT_S
// Exit status: 0 seen, 1 not seen before the timeout, 2 bad arguments or no display.
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

bool matches(XImage* img, unsigned r, unsigned g, unsigned b, int tolerance) {
    int seen = 0;
    int good = 0;
    for (int y = 0; y < img->height; y += 4) {
        for (int x = 0; x < img->width; x += 4) {
            unsigned long p = XGetPixel(img, x, y);
            int dr = static_cast<int>((p >> 16) & 0xff) - static_cast<int>(r);
            int dg = static_cast<int>((p >> 8) & 0xff) - static_cast<int>(g);
            int db = static_cast<int>(p & 0xff) - static_cast<int>(b);
            ++seen;
            if (std::abs(dr) <= tolerance && std::abs(dg) <= tolerance && std::abs(db) <= tolerance)
                ++good;
        }
    }
    // Nine in ten: a player's text or a cursor over the middle does not hide the poster.
    return seen > 0 && good * 10 >= seen * 9;
}

double monotonic_s() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 9) {
        std::fprintf(stderr, "usage: screen-watch DISPLAY X Y W H RRGGBB TOLERANCE TIMEOUT_S\n");
        return 2;
    }
    int x = std::atoi(argv[2]);
    int y = std::atoi(argv[3]);
    int w = std::atoi(argv[4]);
    int h = std::atoi(argv[5]);
    unsigned long rgb = std::strtoul(argv[6], nullptr, 16);
    int tolerance = std::atoi(argv[7]);
    double timeout = std::atof(argv[8]);
    if (w <= 0 || h <= 0 || timeout <= 0) {
        std::fprintf(stderr, "screen-watch: bad rectangle or timeout\n");
        return 2;
    }
    Display* d = XOpenDisplay(argv[1]);
    if (d == nullptr) {
        std::fprintf(stderr, "screen-watch: cannot open display %s\n", argv[1]);
        return 2;
    }
    Window root = DefaultRootWindow(d);
    const double end = monotonic_s() + timeout;
    std::puts("watching");
    std::fflush(stdout);
    int status = 1;
    while (monotonic_s() < end) {
        // The root window's image is what is on screen, whichever window draws it.
        XImage* img = XGetImage(d, root, x, y, static_cast<unsigned>(w), static_cast<unsigned>(h),
                                AllPlanes, ZPixmap);
        double at = monotonic_s();
        bool seen = img != nullptr &&
                    matches(img, (rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, tolerance);
        if (img != nullptr)
            XDestroyImage(img);
        if (seen) {
            std::printf("%.6f\n", at);
            status = 0;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{2});
    }
    XCloseDisplay(d);
    return status;
}

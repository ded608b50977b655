// What decoding one poster costs the decode worker: CPU time and the memory it holds at its peak.
//   decode-bench IMAGE [--target WxH] [--fit contain|cover] [--runs N]
// Decodes IMAGE for an area of WxH (default 1920x1080) as the kiosk does (media::decode_image),
// N times (default 9), and prints the median CPU ms of one decode, the size of the picture it
// gives, and the highest resident memory the process reached above what it held before the first
// decode (every picture is freed before the next: the figure is one decode's peak).
#include "kiosk/media/image_loader.hpp"

#include <SDL.h>
#include <SDL_image.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <malloc.h>
#include <string>
#include <vector>

namespace {

double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

long status_kb(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string word;
    while (in >> word) {
        if (word == key) {
            long kb = 0;
            in >> kb;
            return kb;
        }
    }
    return -1;
}

// Lets the peak be read afresh: VmHWM falls back to the current resident size.
void reset_peak() {
    std::ofstream("/proc/self/clear_refs") << "5";
}

} // namespace

int main(int argc, char** argv) {
    using namespace kiosk;
    // Pictures in mappings of their own, as in the kiosk (kiosk/app/main.cpp, app/unattended.cpp).
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: decode-bench IMAGE [--target WxH] [--fit contain|cover] [--runs N]\n");
        return 2;
    }
    media::DecodeRequest r{"bench", argv[1], "", {1920, 1080}, Fit::Contain};
    int runs = 9;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--target") == 0)
            std::sscanf(argv[i + 1], "%dx%d", &r.target.w, &r.target.h);
        else if (std::strcmp(argv[i], "--fit") == 0)
            r.fit = std::strcmp(argv[i + 1], "cover") == 0 ? Fit::Cover : Fit::Contain;
        else if (std::strcmp(argv[i], "--runs") == 0)
            runs = std::max(1, std::atoi(argv[i + 1]));
    }
    IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP);
    std::vector<double> times;
    long base_kb = status_kb("VmRSS:");
    long peak_kb = 0;
    int w = 0;
    int h = 0;
    for (int i = 0; i < runs; ++i) {
        reset_peak();
        double begin = cpu_ms();
        auto d = media::decode_image(r);
        times.push_back(cpu_ms() - begin);
        if (!d.surface) {
            std::fprintf(stderr, "decode-bench: %s\n", d.error.c_str());
            return 1;
        }
        w = d.surface->w;
        h = d.surface->h;
        peak_kb = std::max(peak_kb, status_kb("VmHWM:"));
    }
    std::sort(times.begin(), times.end());
    std::printf("decode-bench: %s for %dx%d: %dx%d picture; CPU %.1f ms (median of %d, min %.1f); "
                "peak %.1f MB above the start\n",
                argv[1], r.target.w, r.target.h, w, h, times[times.size() / 2], runs, times.front(),
                static_cast<double>(peak_kb - base_kb) / 1024.0);
    IMG_Quit();
    return 0;
}

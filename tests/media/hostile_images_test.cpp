// Images made to hurt: sizes that would take gigabytes if believed. Each is decoded in a child
// process whose address space is capped, so a regression fails the test instead of taking the
// machine's memory.
#include "kiosk/media/image_loader.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace kiosk;

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true; // Sanitizers reserve terabytes of address space up front.
#else
constexpr bool kSanitized = false;
#endif

std::uint64_t address_space_in_use() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("VmSize:"))
            return std::stoull(line.substr(7)) * 1024;
    return 0;
}

struct Outcome {
    bool survived{false}; // The child exited normally (no crash, no allocation failure abort).
    bool drawn{false};
    int w{}, h{};
    std::string error;
};

// Decodes `bytes` in a child allowed `headroom` bytes of address space beyond what it starts with.
Outcome decode_capped(const std::string& bytes, Size target, Fit fit, std::uint64_t headroom) {
    int fds[2];
    if (::pipe(fds) != 0)
        return {};
    pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        rlimit cap{};
        cap.rlim_cur = cap.rlim_max = address_space_in_use() + headroom;
        ::setrlimit(RLIMIT_AS, &cap);
        auto d = media::decode_image_bytes(bytes, {"k", "hostile.svg", "", target, fit});
        std::string report = d.surface
                                 ? std::to_string(d.surface->w) + " " + std::to_string(d.surface->h)
                                 : "error " + d.error;
        (void)!::write(fds[1], report.data(), report.size());
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string report;
    char buf[512];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;)
        report.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    Outcome o;
    o.survived = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (report.starts_with("error ")) {
        o.error = report.substr(6);
    } else if (!report.empty()) {
        std::istringstream(report) >> o.w >> o.h;
        o.drawn = true;
    }
    return o;
}

constexpr std::uint64_t kHeadroom = 256u << 20;

} // namespace

TEST(HostileImages, AnSvgIsDrawnAtTheSizeItIsShownWhateverItClaims) {
    if (kSanitized)
        GTEST_SKIP() << "address-space caps do not work under sanitizers";
    const std::string svgs[] = {
        // 200 inches at 96 dpi: 19200x19200, 1.4 GB of pixels, behind a tiny viewBox.
        R"(<svg xmlns="http://www.w3.org/2000/svg" width="200in" height="200in" viewBox="0 0 10 10">)"
        R"(<rect width="10" height="10" fill="#B5121B"/></svg>)",
        // No size at all: the drawing's own extent, 40000x40000, would be taken (6.4 GB).
        R"(<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L40000 40000L0 40000z"/></svg>)",
        // Millimetres and points are not pixels either.
        R"(<svg xmlns="http://www.w3.org/2000/svg" width="5000mm" height="3000mm">)"
        R"(<circle cx="100" cy="100" r="50"/></svg>)",
    };
    for (const auto& svg : svgs) {
        for (Fit fit : {Fit::Contain, Fit::Cover}) {
            auto o = decode_capped(svg, {1920, 1080}, fit, kHeadroom);
            ASSERT_TRUE(o.survived) << "the decoder died on: " << svg;
            ASSERT_TRUE(o.drawn) << o.error << " for: " << svg;
            if (fit == Fit::Contain)
                EXPECT_TRUE(o.w <= 1921 && o.h <= 1081) << o.w << "x" << o.h << ": " << svg;
            else
                EXPECT_TRUE((o.w <= 1921 || o.h <= 1081) && o.w >= 1919 && o.h >= 1079)
                    << o.w << "x" << o.h << ": " << svg;
        }
    }
}

TEST(HostileImages, AnSvgShownHugeByCoverIsRefusedByThePixelCap) {
    if (kSanitized)
        GTEST_SKIP() << "address-space caps do not work under sanitizers";
    // 1 wide, 100000 high: covering a 4K screen would take 3840x384000000 pixels.
    std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000">)"
                      R"(<rect width="1" height="100000"/></svg>)";
    auto o = decode_capped(svg, {3840, 2160}, Fit::Cover, kHeadroom);
    ASSERT_TRUE(o.survived);
    EXPECT_FALSE(o.drawn);
    EXPECT_NE(o.error.find("hostile.svg"), std::string::npos) << o.error;
    EXPECT_NE(o.error.find("pixel limit"), std::string::npos) << o.error;
}

TEST(HostileImages, AnOrdinarySvgStillFillsItsPlace) {
    if (kSanitized)
        GTEST_SKIP() << "address-space caps do not work under sanitizers";
    std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90">)"
                      R"(<rect width="160" height="90" fill="#F5C400"/></svg>)";
    auto o = decode_capped(svg, {1920, 1080}, Fit::Contain, kHeadroom);
    ASSERT_TRUE(o.drawn) << o.error;
    EXPECT_EQ(o.w, 1920);
    EXPECT_EQ(o.h, 1080);
}

TEST(HostileImages, AWorkerThatSawDecoderErrorsLeavesNothingBehind) {
    // SDL_image reports a broken PNG through SDL_SetError, which gives the worker thread its own
    // error buffer; the worker frees it when it ends. Under AddressSanitizer a leak here fails
    // the run at exit.
    auto dir =
        std::filesystem::temp_directory_path() / ("kiosk-hostile-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::string png("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0\0\0\0\0",
                    33);
    std::ofstream(dir / "broken.png", std::ios::binary) << png;
    {
        media::ImageLoader loader({});
        loader.request({"k", dir / "broken.png", "image/png", {64, 64}, Fit::Contain});
        loader.wait_idle();
        auto done = loader.drain();
        ASSERT_EQ(done.size(), 1u);
        EXPECT_FALSE(done[0].surface);
        EXPECT_NE(done[0].error.find("broken.png: cannot be decoded"), std::string::npos)
            << done[0].error;
    }
    std::filesystem::remove_all(dir);
}

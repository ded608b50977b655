// The renderer choice: auto follows the machine's GPU; a choice made by hand is kept.
#include "kiosk/platform/renderer_choice.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

using namespace kiosk::platform;
namespace fs = std::filesystem;

TEST(RendererChoice, AutoFollowsTheGpu) {
    EXPECT_EQ(resolve_renderer(RendererChoice::Auto, true), RendererChoice::Accelerated);
    EXPECT_EQ(resolve_renderer(RendererChoice::Auto, false), RendererChoice::Software);
    EXPECT_EQ(resolve_renderer(RendererChoice::Software, true), RendererChoice::Software);
    EXPECT_EQ(resolve_renderer(RendererChoice::Accelerated, false), RendererChoice::Accelerated);
}

TEST(RendererChoice, NamesRoundTrip) {
    for (auto c : {RendererChoice::Auto, RendererChoice::Software, RendererChoice::Accelerated})
        EXPECT_EQ(parse_renderer(renderer_name(c)).value(), c);
    EXPECT_FALSE(parse_renderer(""));
    EXPECT_FALSE(parse_renderer("Software"));
}

TEST(RendererChoice, AGpuIsARenderNode) {
    auto dir = fs::temp_directory_path() / ("kiosk-dri-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    EXPECT_FALSE(has_gpu_device(dir / "absent"));
    EXPECT_FALSE(has_gpu_device(dir)); // Empty.
    std::ofstream(dir / "card0") << "";
    EXPECT_FALSE(has_gpu_device(dir)); // A display controller alone renders nothing.
    std::ofstream(dir / "renderD128") << "";
    EXPECT_TRUE(has_gpu_device(dir));
    fs::remove_all(dir);
}

// The slide guard: deaths inside a slide counted across starts, the slide skipped after two, and
// tried again with a new version.
#include "kiosk/app/admin_status.hpp"
#include "kiosk/engine/slide_guard.hpp"

#include <gtest/gtest.h>

#include <fstream>

using kiosk::engine::SlideGuard;
namespace fs = std::filesystem;

namespace {

// Guards of starts that "died": never destroyed, as in a crash, and kept reachable so that the
// leak checker does not count them.
SlideGuard* g_dead[32];
int g_dead_count = 0;

SlideGuard* dying_guard(const fs::path& file) {
    auto* g = new SlideGuard(file);
    if (g_dead_count < 32)
        g_dead[g_dead_count++] = g;
    return g;
}

class SlideGuardTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("slide-guard-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path file() const { return m_dir / "guard.json"; }

    // A start that dies inside `slide`: the guard is never destroyed, as in a crash.
    void die_in(const std::string& bundle, const std::string& slide) {
        SlideGuard* g = dying_guard(file());
        g->set_bundle(bundle);
        ASSERT_TRUE(g->entering("fine"));
        g->shown("fine");
        ASSERT_TRUE(g->entering(slide));
    }

    fs::path m_dir;
};

TEST_F(SlideGuardTest, ASlideTheProgramDiedInTwiceIsSkipped) {
    die_in("v1", "bad");
    {
        SlideGuard g(file());
        g.set_bundle("v1");
        EXPECT_FALSE(g.skipped("bad")); // Once may be bad luck.
    }
    die_in("v1", "bad");
    SlideGuard g(file());
    g.set_bundle("v1");
    EXPECT_TRUE(g.skipped("bad"));
    EXPECT_FALSE(g.entering("bad"));
    EXPECT_TRUE(g.entering("fine"));
    EXPECT_EQ(g.skipped_slides(), std::vector<std::string>{"bad"});
}

TEST_F(SlideGuardTest, AnOrderlyEndOrAShownSlideIsNotADeath) {
    for (int i = 0; i < 3; ++i) {
        SlideGuard g(file());
        g.set_bundle("v1");
        ASSERT_TRUE(g.entering("slow")); // Stopped (SIGTERM) while preparing it.
    }
    for (int i = 0; i < 3; ++i) {
        SlideGuard* g = dying_guard(file());
        g->set_bundle("v1");
        ASSERT_TRUE(g->entering("good"));
        g->shown("good");
        ASSERT_TRUE(g->entering("good")); // Shown once: not risky again, not noted.
        // Dies later, outside any slide's first steps.
    }
    SlideGuard g(file());
    g.set_bundle("v1");
    EXPECT_TRUE(g.skipped_slides().empty());
}

TEST_F(SlideGuardTest, ANewVersionTriesTheSlideAgain) {
    die_in("v1", "bad");
    die_in("v1", "bad");
    SlideGuard g(file());
    g.set_bundle("v2");
    EXPECT_FALSE(g.skipped("bad"));
    EXPECT_TRUE(g.entering("bad"));
}

TEST_F(SlideGuardTest, AFileCutShortStartsAfresh) {
    std::ofstream(file()) << "{\"bundle\": \"v1\", \"entered\": \"ba";
    SlideGuard g(file());
    g.set_bundle("v1");
    EXPECT_TRUE(g.skipped_slides().empty());
    EXPECT_TRUE(g.entering("bad"));
}

TEST_F(SlideGuardTest, WithoutAFileNothingIsRememberedAndNothingFails) {
    SlideGuard g;
    g.set_bundle("v1");
    EXPECT_TRUE(g.entering("any"));
    g.shown("any");
    EXPECT_FALSE(fs::exists(file()));
}

} // namespace

TEST(AdminStatus, NamesTheSlidesSkippedAfterDeaths) {
    kiosk::app::StatusInputs in;
    in.skipped_slides = {"flags", "long-notice"};
    bool found = false;
    for (const auto& [key, value] : kiosk::app::status_lines(in))
        if (key == "跳过的幻灯片") {
            found = true;
            EXPECT_NE(value.find("flags、long-notice"), std::string::npos) << value;
        }
    EXPECT_TRUE(found);
    in.skipped_slides.clear();
    for (const auto& [key, value] : kiosk::app::status_lines(in))
        EXPECT_NE(key, "跳过的幻灯片");
}

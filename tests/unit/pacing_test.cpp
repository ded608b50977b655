// Transition frame pacing.
#include "kiosk/app/pacing.hpp"

#include <gtest/gtest.h>

using namespace kiosk;
using std::chrono::microseconds;

TEST(Pacing, FadesAtThirtyFramesASecondMovesAtTheScreensRate) {
    const microseconds hz60{16'667};
    EXPECT_EQ(app::transition_frame_interval(content::Transition::Fade, hz60),
              app::kFadeFrameInterval);
    EXPECT_EQ(app::transition_frame_interval(content::Transition::Slide, hz60), hz60);
    // A screen slower than 30 Hz sets the pace for fades too.
    const microseconds hz24{41'667};
    EXPECT_EQ(app::transition_frame_interval(content::Transition::Fade, hz24), hz24);
}

#include "kiosk/content/player.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace kiosk;
using namespace kiosk::content;
using namespace std::chrono;

namespace {

const TimePoint T0 = *parse_datetime("2020-11-08T09:00:00+08:00");

std::vector<PlayItem> three() {
    return {{0, seconds{10}, Transition::Fade, {}},
            {1, seconds{5}, Transition::Slide, {}},
            {2, seconds{8}, Transition::Cut, {}}};
}

struct Readiness_ {
    std::map<std::size_t, Readiness> by_slide;
    int asked = 0;
    Player::ReadyFn fn() {
        return [this](std::size_t s) {
            ++asked;
            auto it = by_slide.find(s);
            return it == by_slide.end() ? Readiness::Ready : it->second;
        };
    }
};

} // namespace

TEST(Player, PlaysInOrderWithPerSlideDurations) {
    Player p(three());
    Readiness_ r;
    p.update(T0, r.fn());
    EXPECT_EQ(p.current_slide(), 0u);
    p.update(T0 + seconds{9}, r.fn());
    EXPECT_EQ(p.current_slide(), 0u);
    p.update(T0 + seconds{10}, r.fn());
    EXPECT_EQ(p.current_slide(), 1u);
    p.update(T0 + seconds{15}, r.fn());
    EXPECT_EQ(p.current_slide(), 2u);
    p.update(T0 + seconds{23}, r.fn());
    EXPECT_EQ(p.current_slide(), 0u); // Wraps.
}

TEST(Player, CatchesUpAcrossManyBoundariesAtOnce) {
    Player p(three());
    Readiness_ r;
    p.update(T0, r.fn());
    // 23 s per loop: one hour and 12 s later is the 157th loop at 1 s into slide 0... check
    // exactly.
    p.update(T0 + seconds{23 * 156 + 12}, r.fn());
    EXPECT_EQ(p.current_slide(), 1u);
    EXPECT_EQ(p.current_start(), T0 + seconds{23 * 156 + 10});
}

TEST(Player, TransitionsRunForOneSecondExceptCut) {
    Player p(three());
    Readiness_ r;
    p.update(T0, r.fn());
    EXPECT_FALSE(p.in_transition(T0)); // Nothing to fade from at the start.
    p.update(T0 + milliseconds{10'500}, r.fn());
    EXPECT_EQ(p.previous_slide(), 0u);
    EXPECT_EQ(p.transition(), Transition::Slide);
    EXPECT_DOUBLE_EQ(p.transition_progress(T0 + milliseconds{10'500}), 0.5);
    EXPECT_EQ(p.next_deadline(T0 + milliseconds{10'500}), T0 + seconds{11});
    p.update(T0 + seconds{11}, r.fn());
    EXPECT_FALSE(p.previous_slide());
    EXPECT_EQ(p.next_deadline(T0 + seconds{11}), T0 + seconds{15});
    p.update(T0 + seconds{15}, r.fn());
    EXPECT_EQ(p.transition(), Transition::Cut);
    EXPECT_FALSE(p.in_transition(T0 + seconds{15}));
}

TEST(Player, APendingSlideHoldsTheCurrentOneUntilReady) {
    Player p(three());
    Readiness_ r;
    p.update(T0, r.fn());
    r.by_slide[1] = Readiness::Pending;
    p.update(T0 + seconds{12}, r.fn());
    EXPECT_EQ(p.current_slide(), 0u);
    EXPECT_EQ(p.next_deadline(T0 + seconds{12}), TimePoint::max());
    r.by_slide[1] = Readiness::Ready;
    p.update(T0 + seconds{13}, r.fn());
    EXPECT_EQ(p.current_slide(), 1u);
    // It starts when it became ready, with its whole transition and duration.
    EXPECT_EQ(p.current_start(), T0 + seconds{13});
    EXPECT_TRUE(p.in_transition(T0 + seconds{13}));
}

TEST(Player, ABrokenSlideIsSkippedForGood) {
    Player p(three());
    Readiness_ r;
    r.by_slide[1] = Readiness::Broken;
    p.update(T0, r.fn());
    p.update(T0 + seconds{10}, r.fn());
    EXPECT_EQ(p.current_slide(), 2u);
    int asked = r.asked;
    p.update(T0 + seconds{18}, r.fn());
    p.update(T0 + seconds{28}, r.fn());
    EXPECT_EQ(p.current_slide(), 2u);
    EXPECT_EQ(r.asked - asked, 2); // Slide 1 was not asked about again.
    EXPECT_FALSE(p.exhausted());
}

TEST(Player, NothingPlayableIsExhausted) {
    Player p(three());
    Readiness_ r;
    r.by_slide = {{0, Readiness::Broken}, {1, Readiness::Broken}, {2, Readiness::Broken}};
    p.update(T0, r.fn());
    EXPECT_FALSE(p.current_slide());
    EXPECT_TRUE(p.exhausted());
    Player empty(std::vector<PlayItem>{});
    empty.update(T0, r.fn());
    EXPECT_TRUE(empty.exhausted());
}

TEST(Player, ASingleSlideStaysWithoutTransitions) {
    Player p(std::vector<PlayItem>{{4, seconds{10}, Transition::Fade, {}}});
    Readiness_ r;
    p.update(T0, r.fn());
    p.update(T0 + seconds{35}, r.fn());
    EXPECT_EQ(p.current_slide(), 4u);
    EXPECT_FALSE(p.in_transition(T0 + seconds{35}));
    EXPECT_EQ(p.next_deadline(T0 + seconds{35}), T0 + seconds{40});
}

TEST(Player, BeginsAtAChosenItemAndKnowsWhatIsNext) {
    Player p(three());
    Readiness_ r;
    p.begin_at(2);
    p.update(T0, r.fn());
    EXPECT_EQ(p.current_slide(), 2u);
    EXPECT_EQ(p.upcoming_slide(), 0u);
}

TEST(Player, ASlideRepeatedBackToBackDoesNotTransitionIntoItself) {
    Player p(std::vector<PlayItem>{{3, seconds{5}, Transition::Slide, {}},
                                   {3, seconds{5}, Transition::Slide, {}},
                                   {4, seconds{5}, Transition::Slide, {}}});
    Readiness_ r;
    p.update(T0, r.fn());
    p.update(T0 + seconds{6}, r.fn());
    EXPECT_EQ(p.current_slide(), 3u);
    EXPECT_FALSE(p.in_transition(T0 + seconds{6}));
    // What comes after the second copy is the next slide, to be decoded ahead.
    EXPECT_EQ(p.upcoming_slide(), 4u);
    p.update(T0 + milliseconds{10'500}, r.fn());
    EXPECT_EQ(p.current_slide(), 4u);
    EXPECT_EQ(p.previous_slide(), 3u);
}

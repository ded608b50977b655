// A font metric for tests: CJK characters are one em wide, everything else half.
#pragma once

#include "kiosk/text/line_break.hpp"

namespace kiosk::test {

class FakeMetrics final : public text::Metrics {
public:
    int advance(char32_t cp, text::Style style) const override {
        return cp >= 0x2E80 ? style.px : style.px / 2;
    }
    int line_height(text::Style style) const override { return style.px * 5 / 4; }
};

} // namespace kiosk::test

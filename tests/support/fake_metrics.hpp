// A font metric for tests: a cluster that starts with a CJK character is one em wide, any other
// half.
#pragma once

#include "kiosk/text/line_break.hpp"
#include "kiosk/text/utf8.hpp"

namespace kiosk::test {

class FakeMetrics final : public text::Metrics {
public:
    int advance(std::string_view cluster, text::Style style) const override {
        std::u32string cps = text::decode_utf8(cluster);
        return !cps.empty() && cps.front() >= 0x2E80 ? style.px : style.px / 2;
    }
    int line_height(text::Style style) const override { return style.px * 5 / 4; }
};

} // namespace kiosk::test

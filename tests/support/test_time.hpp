// Times written the way the plan and the bundles write them, for tests.
#pragma once

#include "kiosk/core/time.hpp"

#include <chrono>

namespace kiosk::test {

// The venue's offset, Asia/Shanghai.
inline constexpr std::chrono::minutes kOff{8 * 60};

// `at("2020-11-08T09:30:00+08:00")`; the text must be a valid date-time.
inline TimePoint at(const char* iso) {
    return *parse_datetime(iso);
}

} // namespace kiosk::test

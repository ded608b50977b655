// A bundle's data files: the timetable and the results document (also the live feed's body).
#include "fuzz_util.hpp"
#include "kiosk/content/results.hpp"
#include "kiosk/content/timetable.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto text = kiosk::fuzz::as_text(data, size);
    (void)kiosk::content::parse_timetable(text, "data/timetable.json");
    auto results = kiosk::content::parse_results(text, "data/results.json");
    if (!results)
        return 0;
    for (const auto& event : results->events) {
        auto ranked = kiosk::content::rank(event.entries);
        if (ranked.size() != event.entries.size())
            std::abort();
    }
    (void)kiosk::content::changed_entries(*results, *results);
    return 0;
}

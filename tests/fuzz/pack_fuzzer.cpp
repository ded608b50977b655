// kiosk-pack build on a whole source folder: settings.ini, the timetable and results sheets, a
// notice and a poster, written to a scratch folder and read by the real pack_source. A folder it
// accepts is written as a bundle, which the player must then load without a problem.
// Input: settings.ini, timetable.csv, results.csv, notice.md, poster.png, separated by kSeparator.
#include "fuzz_util.hpp"
#include "kiosk/content/bundle.hpp"
#include "kiosk/core/time.hpp"
#include "source.hpp"

#include <cstdio>
#include <cstdlib>

using namespace kiosk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::filesystem::path dir = (fuzz::quiet(), fuzz::scratch("pack"));
    auto parts = fuzz::split(fuzz::as_text(data, size), 5);
    std::filesystem::remove_all(dir);
    auto src = dir / "source";
    const char* names[] = {"settings.ini", "timetable.csv", "results.csv", "notices/notice.md",
                           "posters/poster.png"};
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (!parts[i].empty())
            fuzz::write(src / names[i], parts[i]);

    pack::Problems problems;
    pack::PackOptions options{*parse_datetime("2020-11-07T18:00:00+08:00"), Size{1920, 1080}, {}};
    auto packed = pack::pack_source(src, options, problems);
    (void)problems.report();
    if (!packed)
        return 0;
    if (!pack::write_bundle(*packed, dir / "bundle"))
        return 0;
    auto bundle = content::load_bundle(dir / "bundle");
    if (!bundle || !(*bundle)->problems.empty()) {
        std::fprintf(stderr, "kiosk-pack accepted a folder whose bundle the player refuses: %s\n",
                     bundle ? (*bundle)->problems.front().c_str() : bundle.error().message.c_str());
        std::abort();
    }
    return 0;
}

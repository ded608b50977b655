// kiosk-pack preview: what one display shows at each moment of a period, on one contact sheet.
#include "preview.hpp"

#include "source.hpp"

#include "kiosk/content/bundle.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/engine/engine.hpp"
#include "kiosk/media/resample.hpp"
#include "kiosk/platform/paths.hpp"
#include "kiosk/platform/sdl_session.hpp"

#include <SDL_image.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace kiosk::pack {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxFrames = 400;
constexpr int kCaption = 40; // Pixels under each frame for its time.

// `30m`, `2h`, `1d`, `90s`.
std::optional<Duration> parse_duration(const std::string& s) {
    if (s.size() < 2)
        return std::nullopt;
    long long n = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size() - 1, n);
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size() - 1 || n <= 0)
        return std::nullopt;
    switch (s.back()) {
    case 's':
        return std::chrono::seconds{n};
    case 'm':
        return std::chrono::minutes{n};
    case 'h':
        return std::chrono::hours{n};
    case 'd':
        return std::chrono::days{n};
    }
    return std::nullopt;
}

int usage_error(const std::string& what) {
    std::fprintf(stderr,
                 "kiosk-pack preview: %s\nUsage: kiosk-pack preview DIR --size WxH --from TIME "
                 "--to TIME --every DURATION [--display-tags A,B] OUT.png\n"
                 "       kiosk-pack preview DIR --size WxH --slide ID [--at TIME] OUT.png\n",
                 what.c_str());
    return 2;
}

// One slide at full size, as the screen shows it at `at`.
int slide_picture(engine::Engine& kiosk, const std::string& id, TimePoint at,
                  const std::string& out) {
    if (auto drawn = kiosk.draw_slide_alone(id, at); !drawn) {
        std::fprintf(stderr, "kiosk-pack preview: --slide: %s\n", drawn.error().message.c_str());
        return 2;
    }
    auto frame = kiosk.capture();
    if (!frame || IMG_SavePNG(frame.get(), out.c_str()) != 0) {
        std::fprintf(stderr, "kiosk-pack preview: %s cannot be written (%s)\n", out.c_str(),
                     IMG_GetError());
        return 1;
    }
    std::fprintf(stderr, "kiosk-pack preview: slide %s written to %s (%dx%d)\n", id.c_str(),
                 out.c_str(), frame->w, frame->h);
    return 0;
}

// A source folder is built into a temporary bundle first; a bundle is used as it is.
Result<fs::path> bundle_folder(const fs::path& dir, fs::path& temporary) {
    if (fs::exists(dir / "manifest.json"))
        return dir;
    Problems problems;
    PackOptions options;
    options.now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    options.svg_program = "/proc/self/exe";
    auto packed = pack_source(dir, options, problems);
    std::fputs(problems.report().c_str(), stderr);
    if (!packed)
        return fail(dir.string() + " has errors; nothing to preview");
    temporary = fs::temp_directory_path() / ("kiosk-preview-" + std::to_string(::getpid()));
    if (auto w = write_bundle(*packed, temporary); !w)
        return std::unexpected(w.error());
    return temporary;
}

} // namespace

int preview_command(const std::vector<std::string>& args) {
    struct {
        std::optional<Size> size;
        std::vector<std::string> tags;
    } o;
    std::optional<TimePoint> from, to, slide_time;
    std::optional<std::string> slide;
    std::optional<Duration> every;
    std::vector<std::string> positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.starts_with("--") && i + 1 >= args.size())
            return usage_error(a + " needs a value");
        if (a == "--size") {
            o.size = parse_size(args[++i]);
            if (!o.size)
                return usage_error("--size: \"" + args[i] + "\" is not a size like 1920x1080");
        } else if (a == "--from" || a == "--to" || a == "--at") {
            auto t = parse_datetime(args[++i]);
            if (!t)
                return usage_error(a + ": \"" + args[i] +
                                   "\" is not a time like 2020-11-08T08:00:00+08:00");
            (a == "--from" ? from : a == "--to" ? to : slide_time) = t;
        } else if (a == "--slide") {
            slide = args[++i];
        } else if (a == "--every") {
            every = parse_duration(args[++i]);
            if (!every)
                return usage_error("--every: \"" + args[i] +
                                   "\" is not a duration like 30m, 2h or 1d");
        } else if (a == "--display-tags") {
            std::string v = args[++i];
            std::size_t pos = 0;
            while (pos <= v.size()) {
                auto c = v.find(',', pos);
                if (c == std::string::npos)
                    c = v.size();
                if (c > pos)
                    o.tags.push_back(v.substr(pos, c - pos));
                pos = c + 1;
            }
        } else if (a.starts_with("--")) {
            return usage_error("unknown option \"" + a + "\"");
        } else {
            positional.push_back(a);
        }
    }
    if (positional.size() != 2)
        return usage_error("give the folder and the output PNG");
    if (slide && (to || every))
        return usage_error("--slide draws one slide: it goes without --to and --every");
    if (!slide && slide_time)
        return usage_error("--at goes with --slide");
    if (!o.size || (!slide && (!from || !to || !every)))
        return usage_error(slide ? "--size is needed"
                                 : "--size, --from, --to and --every are all needed");
    if (!slide && *to < *from)
        return usage_error("--to is before --from");
    auto count = slide ? 1 : (*to - *from) / *every + 1;
    if (count > kMaxFrames)
        return usage_error(std::to_string(count) + " frames is more than " +
                           std::to_string(kMaxFrames) + " on one sheet: choose a longer --every");

    fs::path temporary;
    auto dir = bundle_folder(positional[0], temporary);
    if (!dir) {
        std::fprintf(stderr, "kiosk-pack preview: %s\n", dir.error().message.c_str());
        return 1;
    }
    auto cleanup = [&] {
        std::error_code ec;
        if (!temporary.empty())
            fs::remove_all(temporary, ec);
    };
    auto bundle = content::load_bundle(*dir);
    if (!bundle) {
        cleanup();
        std::fprintf(stderr, "kiosk-pack preview: %s\n", bundle.error().message.c_str());
        return 1;
    }
    for (const auto& p : (*bundle)->problems)
        std::fprintf(stderr, "warning: %s\n", p.c_str());
    auto data_dir = platform::find_data_dir(std::nullopt);
    if (!data_dir) {
        cleanup();
        std::fprintf(stderr, "kiosk-pack preview: cannot find fonts/kiosk-cjk.ttf\n");
        return 2;
    }
    log::set_level(log::Level::Warn);
    auto session = platform::SdlSession::start(platform::Video::Headless);
    auto display =
        session ? platform::Display::open({true, false, o.size}) : fail(session.error().message);
    auto fonts = media::FontSet::open(*data_dir / "fonts" / "kiosk-cjk.ttf");
    if (!session || !display || !fonts) {
        cleanup();
        std::fprintf(stderr, "kiosk-pack preview: cannot start the renderer\n");
        return 2;
    }

    if (slide) {
        auto when = slide_time.value_or(from.value_or(
            std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now())));
        int code = 0;
        {
            engine::Engine kiosk(*bundle, **display, **fonts, {o.tags});
            code = slide_picture(kiosk, *slide, when, positional[1]);
        }
        cleanup();
        return code;
    }

    // Tiles keep the screen's shape, 480 pixels on their long side.
    const Size screen = *o.size;
    const double scale = 480.0 / std::max(screen.w, screen.h);
    const int tw = static_cast<int>(std::lround(screen.w * scale));
    const int th = static_cast<int>(std::lround(screen.h * scale));
    const int gap = 16;
    const int columns = static_cast<int>(std::min<long long>(count, screen.w >= screen.h ? 4 : 6));
    const int rows = static_cast<int>((count + columns - 1) / columns);
    media::SurfacePtr sheet(SDL_CreateRGBSurfaceWithFormat(0, gap + columns * (tw + gap),
                                                           gap + rows * (th + kCaption + gap), 32,
                                                           SDL_PIXELFORMAT_ARGB8888));
    SDL_FillRect(sheet.get(), nullptr, SDL_MapRGB(sheet->format, 0x20, 0x20, 0x20));

    {
        engine::Engine kiosk(*bundle, **display, **fonts, {o.tags});
        const auto off = (*bundle)->manifest.utc_offset;
        text::Style caption{22, false};
        for (long long i = 0; i < count; ++i) {
            TimePoint t = *from + *every * i;
            kiosk.simulate_to(t);
            kiosk.draw_settled(t);
            auto frame = kiosk.capture();
            int col = static_cast<int>(i % columns);
            int row = static_cast<int>(i / columns);
            SDL_Rect dst{gap + col * (tw + gap), gap + row * (th + kCaption + gap), tw, th};
            if (frame) {
                // Filtered, not sampled: a 1080p frame shrinks four times into its tile.
                media::SurfacePtr argb(
                    SDL_ConvertSurfaceFormat(frame.get(), SDL_PIXELFORMAT_ARGB8888, 0));
                auto tile = argb ? media::resize_surface(argb.get(), {tw, th}) : nullptr;
                if (tile)
                    SDL_BlitSurface(tile.get(), nullptr, sheet.get(), &dst);
            }
            std::string label = format_chinese_date(t, off) + " " + format_hhmm(t, off);
            if (auto text = (*fonts)->render(label, caption, Color{0xEE, 0xEE, 0xEE, 255})) {
                SDL_Rect at{dst.x + (tw - text->w) / 2, dst.y + th + (kCaption - text->h) / 2,
                            text->w, text->h};
                SDL_BlitSurface(text.get(), nullptr, sheet.get(), &at);
            }
        }
    }
    cleanup();
    if (IMG_SavePNG(sheet.get(), positional[1].c_str()) != 0) {
        std::fprintf(stderr, "kiosk-pack preview: %s cannot be written (%s)\n",
                     positional[1].c_str(), IMG_GetError());
        return 1;
    }
    std::fprintf(stderr, "kiosk-pack preview: %lld frames written to %s\n",
                 static_cast<long long>(count), positional[1].c_str());
    return 0;
}

} // namespace kiosk::pack

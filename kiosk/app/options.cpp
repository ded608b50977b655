// Command-line parsing with messages that say which option is wrong and why.
#include "kiosk/app/options.hpp"

#include <charconv>
#include <cmath>

namespace kiosk::app {
namespace {

std::optional<double> parse_number(const std::string& s) {
    double v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

} // namespace

std::string usage() {
    return R"(Usage: kiosk [OPTIONS]

Plays a content bundle fullscreen: posters, notices, the day's timetable and results.

  --config FILE        the display's config (server, channel, keys, cache): content follows the
                       channel, or a waiting screen until its first version arrives
                       (--content is then not shown)
  --content DIR        the bundle folder (with manifest.json); default: the sample content
  --size WxH           screen size; default: the display's native size (needed headless)
  --windowed           a window (of --size, else four fifths of the screen) instead of
                       fullscreen, for development: Escape or closing it ends the program
  --headless           draw off-screen, no display needed
  --renderer NAME      auto (default: accelerated where there is a GPU, else software),
                       software or accelerated
  --clock TIME         start simulated time at TIME, e.g. 2020-11-08T09:30:00+08:00
  --speed N            run simulated time N times faster (with --clock)
  --after SECONDS      with --screenshot: play SECONDS of simulated time, as fast as possible
  --screenshot OUT.png write what the screen shows after --after seconds, then exit (headless)
  --draw-list OUT.txt  with --screenshot: also write the frame as text (one line per item)
  --slide ID           start the playlist at slide ID (to check one slide)
  --replay FILE        play timed touches, keys and checks from FILE in simulated time from
                       --clock, then exit (docs/touch.md); status 1 if a check failed
  --run-for SECONDS    exit after SECONDS of real time
  --run-until TIME     exit when simulated time (--clock) reaches TIME
  --step-clock         for tests: simulated time (--clock, --speed) runs only up to each time
                       read from standard input, one a line, and says "clock at TIME" on
                       standard output there; it stands still while a decoder is awaited
  --polls N            with --config: exit once the channel was polled N times and what came
                       is on screen
  --display-id ID      this display's name in the proof-of-play log; default: the host name
  --tags A,B           this display's tags: slides limited to other tags are not shown here
  --play-log DIR       write proof of play (every slide shown, every touch) to DIR, a file a day
  --stats              print frame and memory figures at exit
  --data-dir DIR       where fonts/ and assets/ are; default: found beside the program
  --verbose            log debug lines too
  --help, --version

Kiosk mode (without --windowed) ignores every key and the window manager's close; SIGTERM or
SIGINT end the program, and so does the admin screen (docs/touch.md). --windowed is for
development: Escape or closing the window end it.

Screenshot of any moment of the week:
  kiosk --content content --size 1920x1080 --clock 2020-11-08T09:30:00+08:00 --after 20 --screenshot out.png
)";
}

Result<Options> parse_options(const std::vector<std::string>& args) {
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        // `--size=1920x1080` is `--size 1920x1080`. A value that is missing, or that is the next
        // option (`--size --headless`), is reported as missing.
        std::string a = args[i];
        std::optional<std::string> attached;
        if (auto eq = a.find('='); a.starts_with("--") && eq != std::string::npos) {
            attached = a.substr(eq + 1);
            a.resize(eq);
        }
        bool took_value = false;
        auto value = [&](const char* what) -> Result<std::string> {
            took_value = true;
            if (attached && !attached->empty())
                return *attached;
            if (attached || i + 1 >= args.size() || args[i + 1].starts_with("--"))
                return fail(a + " needs " + what);
            return args[++i];
        };
        if (a == "--help" || a == "-h") {
            o.help = true;
        } else if (a == "--version") {
            o.version = true;
        } else if (a == "--content") {
            auto v = value("a folder");
            if (!v)
                return std::unexpected(v.error());
            o.content = *v;
        } else if (a == "--size") {
            auto v = value("a size like 1920x1080");
            if (!v)
                return std::unexpected(v.error());
            o.size = parse_size(*v);
            if (!o.size)
                return fail("--size: \"" + *v +
                            "\" is not a size like 1920x1080 (each side 1 to 8192)");
        } else if (a == "--clock") {
            auto v = value("a time like 2020-11-08T09:30:00+08:00");
            if (!v)
                return std::unexpected(v.error());
            o.clock = parse_datetime(*v);
            if (o.clock && (*o.clock < *parse_datetime("1970-01-02T00:00:00Z") ||
                            *o.clock > *parse_datetime("2200-01-01T00:00:00Z")))
                return fail("--clock: \"" + *v + "\" is outside the years 1970 to 2199");
            if (!o.clock)
                return fail("--clock: \"" + *v + "\" is not a time like 2020-11-08T09:30:00+08:00");
        } else if (a == "--speed") {
            auto v = value("a number");
            if (!v)
                return std::unexpected(v.error());
            auto n = parse_number(*v);
            if (!n || *n <= 0 || *n > 1e6)
                return fail("--speed: \"" + *v + "\" is not a number above 0");
            o.speed = *n;
        } else if (a == "--after") {
            auto v = value("a number of seconds");
            if (!v)
                return std::unexpected(v.error());
            auto n = parse_number(*v);
            if (!n || *n < 0 || *n > 366 * 86400.0)
                return fail("--after: \"" + *v + "\" is not a number of seconds from 0 to a year");
            o.after_s = *n;
        } else if (a == "--run-for") {
            auto v = value("a number of seconds");
            if (!v)
                return std::unexpected(v.error());
            auto n = parse_number(*v);
            if (!n || *n <= 0 || *n > 1e8)
                return fail("--run-for: \"" + *v +
                            "\" is not a number of seconds from 0 to 100000000");
            o.run_for_s = *n;
        } else if (a == "--run-until") {
            auto v = value("a time like 2020-11-08T18:00:00+08:00");
            if (!v)
                return std::unexpected(v.error());
            o.run_until = parse_datetime(*v);
            if (!o.run_until)
                return fail("--run-until: \"" + *v +
                            "\" is not a time like 2020-11-08T18:00:00+08:00");
        } else if (a == "--polls") {
            auto v = value("a number");
            if (!v)
                return std::unexpected(v.error());
            auto n = parse_number(*v);
            if (!n || *n < 1 || *n > 1e6 || *n != std::floor(*n))
                return fail("--polls: \"" + *v + "\" is not a whole number from 1 to 1000000");
            o.polls = static_cast<int>(*n);
        } else if (a == "--step-clock") {
            o.step_clock = true;
        } else if (a == "--screenshot") {
            auto v = value("a PNG file name");
            if (!v)
                return std::unexpected(v.error());
            o.screenshot = *v;
        } else if (a == "--draw-list") {
            auto v = value("a file name");
            if (!v)
                return std::unexpected(v.error());
            o.draw_list = *v;
        } else if (a == "--slide") {
            auto v = value("a slide id");
            if (!v)
                return std::unexpected(v.error());
            o.start_slide = *v;
        } else if (a == "--replay") {
            auto v = value("a replay file");
            if (!v)
                return std::unexpected(v.error());
            o.replay = *v;
        } else if (a == "--config") {
            auto v = value("a file");
            if (!v)
                return std::unexpected(v.error());
            o.config = *v;
        } else if (a == "--play-log") {
            auto v = value("a folder");
            if (!v)
                return std::unexpected(v.error());
            o.play_log = *v;
        } else if (a == "--display-id") {
            auto v = value("a name");
            if (!v)
                return std::unexpected(v.error());
            if (v->empty() || v->find_first_of(",\"\n") != std::string::npos)
                return fail("--display-id: \"" + *v + "\" must be a name without commas or quotes");
            o.display_id = *v;
        } else if (a == "--tags") {
            auto v = value("tags like hall-a,entrance");
            if (!v)
                return std::unexpected(v.error());
            std::size_t pos = 0;
            while (pos <= v->size()) {
                auto comma = v->find(',', pos);
                if (comma == std::string::npos)
                    comma = v->size();
                auto tag = v->substr(pos, comma - pos);
                if (!tag.empty())
                    o.tags.push_back(tag);
                pos = comma + 1;
            }
        } else if (a == "--data-dir") {
            auto v = value("a folder");
            if (!v)
                return std::unexpected(v.error());
            o.data_dir = *v;
        } else if (a == "--renderer") {
            auto v = value("auto, software or accelerated");
            if (!v)
                return std::unexpected(v.error());
            auto r = platform::parse_renderer(*v);
            if (!r)
                return fail("--renderer: " + r.error().message);
            o.renderer = *r;
        } else if (a == "--headless") {
            o.headless = true;
        } else if (a == "--windowed") {
            o.windowed = true;
        } else if (a == "--stats") {
            o.stats = true;
        } else if (a == "--verbose") {
            o.verbose = true;
        } else {
            return fail("unknown option \"" + a + "\" (see --help)");
        }
        if (attached && !took_value)
            return fail(a + " takes no value (found \"" + args[i] + "\")");
    }
    if (o.help || o.version)
        return o;
    if (o.screenshot) {
        o.headless = true;
        if (!o.size)
            return fail("--screenshot needs --size WxH");
        if (!o.after_s)
            o.after_s = 0;
    } else if (o.after_s) {
        return fail("--after is used with --screenshot");
    } else if (o.draw_list) {
        return fail("--draw-list is used with --screenshot");
    }
    if (o.replay && (o.screenshot || o.run_for_s || !o.clock))
        return fail("--replay needs --clock, and goes without --screenshot and --run-for");
    if ((o.run_until || o.step_clock) && (!o.clock || o.screenshot || o.replay))
        return fail("--run-until and --step-clock need --clock, and go without --screenshot and "
                    "--replay");
    if (o.polls && (!o.config || o.screenshot || o.replay))
        return fail("--polls needs --config, and goes without --screenshot and --replay");
    if (o.headless && !o.size)
        return fail("--headless needs --size WxH");
    if (o.speed != 1.0 && !o.clock)
        return fail("--speed needs --clock");
    return o;
}

} // namespace kiosk::app

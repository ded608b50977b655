// kiosk-pack: the content operator's tool. check and build a source folder, preview a week,
// summarise proof of play.
#include "kiosk/platform/paths.hpp"
#include "layout_check.hpp"
#include "preview.hpp"
#include "publish.hpp"
#include "report.hpp"
#include "source.hpp"

#include "kiosk/content/bundle.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/media/svg_child.hpp"
#include "kiosk/sync/pin.hpp"
#include "kiosk/sync/signature.hpp"
#include "kiosk/sync/store.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <termios.h>
#include <unistd.h>
#include <vector>

namespace {

using namespace kiosk;

constexpr const char* kUsage = R"(Usage: kiosk-pack COMMAND ...

  check DIR [--size WxH] [--now TIME]
        Reports every problem of a source folder at once (file, line, field), and warnings about
        likely mistakes. Exit status 1 if there is any error.
  build DIR OUT [--size WxH] [--now TIME]
        Checks, then writes the bundle the kiosk plays into OUT. Nothing is written on an error.
  preview DIR --size WxH --from TIME --to TIME --every DURATION [--display-tags A,B] OUT.png
        What a display shows at each moment from --from to --to, every DURATION (30m, 2h, 1d),
        on one contact sheet with the time under each frame. DIR is a source folder or a bundle.
  preview DIR --size WxH --slide ID [--at TIME] OUT.png
        One slide at full size, with the header and ticker, as it looks at TIME (default now),
        whatever its window and priority.
  keygen KEY
        Makes an Ed25519 key pair: KEY (secret, for publishing) and KEY.pub (for the displays).
  publish BUNDLE WEBROOT --channel NAME --key KEY [--expires TIME] [--bump]
        Writes the bundle's objects (objects/<sha256>) and the channel's signed manifest into
        WEBROOT, ready for any static web server. Versions only go up; publishing the same
        content again changes nothing. --bump publishes as the channel's next version when the
        bundle's own is not above it. One publication at a time on a channel: a second waits.
  results RESULTS.csv|RESULTS.xlsx WEBROOT --channel NAME --key KEY [--sample]
        Publishes the scoring desk's spreadsheet (CSV or Excel workbook) as the channel's live
        results feed, with the next sequence number. A wrong column or a score that is neither a
        number nor a word for none (缺考, 弃权, blank) is refused with its line.
  pin
        Reads an admin PIN (4 to 12 digits) from standard input and prints its salted hash, the
        value of "admin_pin" in a display's config. The PIN itself is stored nowhere.
  sign FILE --key KEY
        Writes FILE.sig, the signature line of FILE's exact bytes (publish does this itself).
  report LOGDIR [--day DATE | --from DATE --to DATE] [--display ID]
        Proof of play as CSV: per day and slide, times shown, minutes on screen, interactions.

The source folder is described in docs/authoring.md.
)";

// Lays the bundle out as the displays will, with their fonts (layout_check.hpp).
void check_layout(const pack::Packed& packed, pack::Problems& problems) {
    auto data = platform::find_data_dir(std::nullopt);
    if (!data) {
        problems.warn("", 0, "", "the layout was not checked: the displays' fonts are not found");
        return;
    }
    auto bundle = pack::bundle_for_layout(packed);
    if (!bundle) {
        problems.warn("", 0, "", "the layout was not checked: " + bundle.error().message);
        return;
    }
    pack::check_layout(**bundle, packed.origins, {packed.screen, *data / "fonts" / "kiosk-cjk.ttf"},
                       problems);
}

int check_or_build(const std::vector<std::string>& args, bool build) {
    std::vector<std::string> positional;
    pack::PackOptions options;
    options.now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    options.svg_program = "/proc/self/exe"; // SVGs drawn as the displays draw them (main()).
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--size" && i + 1 < args.size()) {
            options.screen = parse_size(args[++i]);
            if (!options.screen) {
                std::fprintf(stderr, "kiosk-pack: --size: \"%s\" is not a size like 1920x1080\n",
                             args[i].c_str());
                return 2;
            }
        } else if (args[i] == "--now" && i + 1 < args.size()) {
            auto t = parse_datetime(args[++i]);
            if (!t) {
                std::fprintf(
                    stderr,
                    "kiosk-pack: --now: \"%s\" is not a time like 2020-11-07T18:00:00+08:00\n",
                    args[i].c_str());
                return 2;
            }
            options.now = *t;
        } else if (args[i].starts_with("--")) {
            std::fprintf(stderr, "kiosk-pack: unknown option \"%s\"\n%s", args[i].c_str(), kUsage);
            return 2;
        } else {
            positional.push_back(args[i]);
        }
    }
    if (positional.size() != (build ? 2u : 1u)) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    pack::Problems problems;
    auto packed = pack::pack_source(positional[0], options, problems);
    if (packed)
        check_layout(*packed, problems);
    std::fputs(problems.report().c_str(), stderr);
    if (!packed || problems.has_errors()) {
        std::fprintf(stderr, "kiosk-pack: %s has errors; %s\n", positional[0].c_str(),
                     build ? "no bundle was written" : "fix them and check again");
        return 1;
    }
    if (!build) {
        std::fprintf(stderr, "kiosk-pack: %s is ready to build\n", positional[0].c_str());
        return 0;
    }
    if (auto written = pack::write_bundle(*packed, positional[1]); !written) {
        std::fprintf(stderr, "kiosk-pack: %s\n", written.error().message.c_str());
        return 1;
    }
    std::fprintf(stderr, "kiosk-pack: bundle written to %s\n", positional[1].c_str());
    return 0;
}

int report(const std::vector<std::string>& args) {
    pack::ReportOptions o;
    std::vector<std::string> positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto value = [&]() -> std::string {
            return i + 1 < args.size() ? args[++i] : std::string();
        };
        if (args[i] == "--day") {
            o.from_day = o.to_day = value();
        } else if (args[i] == "--from") {
            o.from_day = value();
        } else if (args[i] == "--to") {
            o.to_day = value();
        } else if (args[i] == "--display") {
            o.display = value();
        } else if (args[i].starts_with("--")) {
            std::fprintf(stderr, "kiosk-pack: unknown option \"%s\"\n", args[i].c_str());
            return 2;
        } else {
            positional.push_back(args[i]);
        }
    }
    for (const auto* d : {&o.from_day, &o.to_day}) {
        if (*d && !parse_datetime(**d + "T00:00:00Z")) {
            std::fprintf(stderr, "kiosk-pack: \"%s\" is not a date like 2020-11-08\n",
                         (*d)->c_str());
            return 2;
        }
    }
    if (positional.size() != 1) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    pack::Problems problems;
    auto csv = pack::summarise_play_logs(positional[0], o, problems);
    std::fputs(problems.report().c_str(), stderr);
    if (!csv)
        return 1;
    std::fputs(csv->c_str(), stdout);
    return 0;
}

int keygen_command(const std::vector<std::string>& args) {
    if (args.size() != 1) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    auto pub = pack::keygen(args[0]);
    if (!pub) {
        std::fprintf(stderr, "kiosk-pack keygen: %s\n", pub.error().message.c_str());
        return 1;
    }
    std::fprintf(stderr, "kiosk-pack keygen: secret key in %s, public key in %s.pub:\n",
                 args[0].c_str(), args[0].c_str());
    std::printf("%s\n", pub->c_str());
    return 0;
}

// The terminal's settings while a PIN is typed without echo, for the signal handler to put back
// (a handler can reach nothing else); set only while echo is off.
struct termios g_saved_terminal;
volatile std::sig_atomic_t g_echo_off = 0;

void restore_echo_and_die(int sig) {
    if (g_echo_off != 0)
        ::tcsetattr(0, TCSAFLUSH, &g_saved_terminal);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// Reads one line from standard input; on a terminal, after `prompt` and without echoing what is
// typed (the PIN must not stay on the screen or in the terminal's scroll-back), with echo back on
// however the program ends. Echo goes off before the prompt is shown: what is typed once it is
// shown is neither echoed nor discarded with the type-ahead.
std::string read_secret_line(const char* prompt) {
    char line[64] = {};
    bool quiet = isatty(0) && ::tcgetattr(0, &g_saved_terminal) == 0;
    if (quiet) {
        std::signal(SIGINT, restore_echo_and_die);
        std::signal(SIGTERM, restore_echo_and_die);
        std::signal(SIGHUP, restore_echo_and_die);
        struct termios silent = g_saved_terminal;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        silent.c_lflag |= ECHONL; // The Enter key still moves to the next line.
        g_echo_off = 1;
        ::tcsetattr(0, TCSAFLUSH, &silent);
        std::fputs(prompt, stderr);
    }
    std::string out;
    if (std::fgets(line, sizeof line, stdin) != nullptr)
        out = line;
    if (quiet) {
        ::tcsetattr(0, TCSANOW, &g_saved_terminal);
        g_echo_off = 0;
    }
    std::fill(std::begin(line), std::end(line), '\0');
    return out;
}

int pin_command(const std::vector<std::string>& args) {
    if (!args.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    std::string pin = read_secret_line("Admin PIN (4 to 12 digits, not shown): ");
    while (!pin.empty() && (pin.back() == '\n' || pin.back() == '\r'))
        pin.pop_back();
    auto hash = sync::hash_pin(pin);
    if (!hash) {
        std::fprintf(stderr, "kiosk-pack pin: %s\n", hash.error().message.c_str());
        return 1;
    }
    std::printf("%s\n", hash->c_str());
    return 0;
}

int sign_command(const std::vector<std::string>& args) {
    if (args.size() != 3 || args[1] != "--key") {
        std::fputs(kUsage, stderr);
        return 2;
    }
    auto file = content::read_file(args[0], 64u << 20);
    auto key = content::read_file(args[2], 16384);
    if (!file || !key) {
        std::fprintf(stderr, "kiosk-pack sign: %s\n",
                     (!file ? file.error() : key.error()).message.c_str());
        return 1;
    }
    auto sig = sync::sign(*file, *key);
    if (!sig) {
        std::fprintf(stderr, "kiosk-pack sign: %s\n", sig.error().message.c_str());
        return 1;
    }
    if (auto w = sync::write_file_durably(args[0] + ".sig", *sig); !w) {
        std::fprintf(stderr, "kiosk-pack sign: %s\n", w.error().message.c_str());
        return 1;
    }
    return 0;
}

// The common part of publish and results: two paths, --channel and --key (the key is read
// here); `extra` takes the command's own options and returns -1 for one it does not know, 2 for
// a bad value, 0 when it took it.
struct SignedCommand {
    std::vector<std::string> positional;
    std::string channel;
    std::string private_pem;
};

std::optional<int> parse_signed(const char* name, const std::vector<std::string>& args,
                                SignedCommand& out,
                                const std::function<int(std::size_t& i)>& extra) {
    std::string key_file;
    for (std::size_t i = 0; i < args.size(); ++i) {
        bool has_value = i + 1 < args.size();
        if (args[i] == "--channel" && has_value) {
            out.channel = args[++i];
        } else if (args[i] == "--key" && has_value) {
            key_file = args[++i];
        } else if (args[i].starts_with("--")) {
            int r = extra(i);
            if (r == 2)
                return 2;
            if (r < 0) {
                std::fprintf(stderr, "kiosk-pack %s: unknown option \"%s\"\n", name,
                             args[i].c_str());
                return 2;
            }
        } else {
            out.positional.push_back(args[i]);
        }
    }
    if (out.positional.size() != 2 || out.channel.empty() || key_file.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    auto key = content::read_file(key_file, 16384);
    if (!key) {
        std::fprintf(stderr, "kiosk-pack %s: %s\n", name, key.error().message.c_str());
        return 1;
    }
    out.private_pem = *key;
    return std::nullopt;
}

pack::LockWait waiting_for(const char* command, const std::string& channel) {
    return [command, channel] {
        std::fprintf(stderr,
                     "kiosk-pack %s: another publication on channel %s is under way; waiting for "
                     "it to finish\n",
                     command, channel.c_str());
    };
}

int results_command(const std::vector<std::string>& args) {
    pack::FeedOptions o;
    o.now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    SignedCommand c;
    auto failed = parse_signed("results", args, c, [&](std::size_t& i) {
        if (args[i] != "--sample")
            return -1;
        o.sample = true;
        return 0;
    });
    if (failed)
        return *failed;
    o.channel = c.channel;
    o.private_pem = c.private_pem;
    o.on_wait = waiting_for("results", o.channel);
    pack::Problems problems;
    auto seq = pack::publish_results(c.positional[0], c.positional[1], o, problems);
    std::fputs(problems.report().c_str(), stderr);
    if (!seq) {
        std::fprintf(stderr, "kiosk-pack results: %s\n", seq.error().message.c_str());
        return 1;
    }
    std::fprintf(stderr, "kiosk-pack results: feed %s is at sequence %lld\n", o.channel.c_str(),
                 static_cast<long long>(*seq));
    return 0;
}

int publish_command(const std::vector<std::string>& args) {
    pack::PublishOptions o;
    SignedCommand c;
    auto failed = parse_signed("publish", args, c, [&](std::size_t& i) {
        if (args[i] == "--bump") {
            o.bump = true;
            return 0;
        }
        if (args[i] != "--expires" || i + 1 >= args.size())
            return -1;
        o.expires = parse_datetime(args[++i]);
        if (!o.expires) {
            std::fprintf(stderr,
                         "kiosk-pack publish: --expires: \"%s\" is not a time like "
                         "2020-11-21T00:00:00+08:00\n",
                         args[i].c_str());
            return 2;
        }
        return 0;
    });
    if (failed)
        return *failed;
    o.channel = c.channel;
    o.private_pem = c.private_pem;
    o.on_wait = waiting_for("publish", o.channel);
    const auto& positional = c.positional;
    auto r = pack::publish(positional[0], positional[1], o);
    if (!r) {
        std::fprintf(stderr, "kiosk-pack publish: %s\n", r.error().message.c_str());
        return 1;
    }
    if (!r->changed)
        std::fprintf(stderr,
                     "kiosk-pack publish: channel %s already has this content (version %lld); "
                     "nothing changed\n",
                     o.channel.c_str(), static_cast<long long>(r->version));
    else
        std::fprintf(stderr, "kiosk-pack publish: channel %s is at version %lld (%d new objects)\n",
                     o.channel.c_str(), static_cast<long long>(r->version), r->objects_written);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    // preview runs the kiosk's drawing, which draws SVGs in a child: this program, so asked.
    if (argc > 1 && argv[1] == kiosk::media::kDrawSvgArgument)
        return kiosk::media::run_svg_child(argc, argv);
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::printf("kiosk-pack %s\n", KIOSK_VERSION_STRING);
        return 0;
    }
    std::string command = args[0];
    args.erase(args.begin());
    if (command == "check")
        return check_or_build(args, false);
    if (command == "build")
        return check_or_build(args, true);
    if (command == "report")
        return report(args);
    if (command == "keygen")
        return keygen_command(args);
    if (command == "publish")
        return publish_command(args);
    if (command == "sign")
        return sign_command(args);
    if (command == "pin")
        return pin_command(args);
    if (command == "results")
        return results_command(args);
    if (command == "preview")
        return kiosk::pack::preview_command(args);
    std::fprintf(stderr, "kiosk-pack: unknown command \"%s\"\n%s", command.c_str(), kUsage);
    return 2;
}

// The service watchdog rule, the notification datagram, power commands, the unattended config
// fields, proof-of-play retention and the fleet reporter (with a stand-in uploader).
#include "kiosk/app/admin_status.hpp"
#include "kiosk/app/config.hpp"
#include "kiosk/app/device_status.hpp"
#include "kiosk/app/play_log_retention.hpp"
#include "kiosk/platform/power_command.hpp"
#include "kiosk/platform/service.hpp"
#include "kiosk/platform/system_status.hpp"
#include "kiosk/sync/fleet.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using namespace kiosk;
using namespace kiosk::app;
using namespace kiosk::platform;
using namespace std::chrono;

namespace {

std::filesystem::path temp_dir(const std::string& name) {
    auto d = std::filesystem::temp_directory_path() /
             ("kiosk-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
}

const char* kKey = "ed25519 a19e800e310c0365 CzONOQeoF4I2HUBQzjlYS3fUd8hnwZ0wiSM0TaFWMcw=";

std::string config_with(const std::string& extra) {
    return std::string(
               R"({"display_id": "hall-a-1", "server": "https://c.example/", "channel": "hall-a",
        "trusted_keys": [")") +
           kKey + R"("], "cache_dir": "/var/lib/kiosk")" + extra + "}";
}

} // namespace

TEST(FrameWatchdog, PingsOnlyAfterRecentFrames) {
    FrameWatchdog w(seconds{8});
    FrameWatchdog::Time t0{};
    EXPECT_EQ(w.frame_due(), FrameWatchdog::Time::min()); // Before the first frame: draw now.
    EXPECT_FALSE(w.ping(t0));                             // No frame yet: no ping.
    w.presented(t0);
    EXPECT_TRUE(w.ping(t0));
    EXPECT_EQ(w.frame_due(), t0 + seconds{2}); // A quarter of the timeout.
    EXPECT_FALSE(w.ping(t0 + seconds{1}));     // At most one ping a quarter.
    EXPECT_TRUE(w.ping(t0 + seconds{2}));
    // The loop went on iterating but presented nothing for more than half the timeout: no ping,
    // so systemd restarts a program whose screen stopped.
    EXPECT_FALSE(w.ping(t0 + seconds{5}));
    w.presented(t0 + seconds{6});
    EXPECT_TRUE(w.ping(t0 + seconds{6}));
}

TEST(ServiceNotifier, SendsOneDatagramToTheSocket) {
    auto dir = temp_dir("notify");
    auto path = (dir / "notify.sock").string();
    int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ServiceNotifier n(path, microseconds{2'000'000});
    EXPECT_TRUE(n.active());
    EXPECT_TRUE(n.send("READY=1\nSTATUS=showing bundle 3"));
    char buf[256] = {};
    auto got = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    EXPECT_EQ(std::string(buf, static_cast<std::size_t>(got)), "READY=1\nSTATUS=showing bundle 3");
    ::close(fd);
    // Nobody listening: the send fails quietly, the program goes on.
    std::filesystem::remove(path);
    EXPECT_FALSE(n.send("WATCHDOG=1"));
    ServiceNotifier none;
    EXPECT_FALSE(none.active());
    EXPECT_FALSE(none.send("READY=1"));
    std::filesystem::remove_all(dir);
}

TEST(PowerCommand, ResultOutputAndTimeout) {
    auto ok = run_command("echo display_power=0", seconds{5});
    EXPECT_TRUE(ok.started);
    EXPECT_EQ(ok.exit_code, 0);
    EXPECT_EQ(ok.output, "display_power=0\n");
    auto bad = run_command("echo no CEC adapter >&2; exit 3", seconds{5});
    EXPECT_EQ(bad.exit_code, 3);
    EXPECT_EQ(bad.output, "no CEC adapter\n");
    auto start = steady_clock::now();
    auto hung = run_command("sleep 30", milliseconds{300});
    EXPECT_TRUE(hung.timed_out);
    EXPECT_LT(steady_clock::now() - start, seconds{10});
}

namespace {

// A process that is gone or a zombie (killed, not yet reaped by whoever adopted it).
bool dead(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line))
        return true;
    auto close = line.rfind(')');
    return close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z';
}

} // namespace

TEST(PowerCommand, TheDeadlineHoldsForACommandThatClosesItsOutputAndSleeps) {
    auto start = steady_clock::now();
    auto r = run_command("exec >/dev/null 2>&1; sleep 30", milliseconds{500});
    EXPECT_TRUE(r.timed_out);
    // Killed at the deadline, not after the command's own 30 s (a guard far from both).
    EXPECT_LT(steady_clock::now() - start, seconds{15});
}

TEST(PowerCommand, AChildLeftInTheBackgroundEndsWithTheCommand) {
    auto pid_file = std::filesystem::temp_directory_path() /
                    ("kiosk-power-" + std::to_string(::getpid()) + ".pid");
    auto r =
        run_command("sleep 30 & echo $! >" + pid_file.string() + "; echo switched", seconds{20});
    EXPECT_FALSE(r.timed_out); // The command itself was done at once.
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.output, "switched\n");
    pid_t child = 0;
    std::ifstream(pid_file) >> child;
    ASSERT_GT(child, 0);
    // SIGKILL is delivered at once; the wait is only a guard.
    auto end = steady_clock::now() + seconds{10};
    while (!dead(child) && steady_clock::now() < end)
        std::this_thread::sleep_for(milliseconds{10});
    EXPECT_TRUE(dead(child)) << "the background child " << child << " survived";
    std::filesystem::remove(pid_file);
}

TEST(UnattendedConfig, ReadsEveryField) {
    auto c = parse_config(config_with(R"(,
        // Comments are allowed: the default config explains itself.
        "on_hours": {"mon-fri": "07:30-21:00", "sat,sun": "09:00-18:00"},
        "utc_offset": "+08:00",
        "screen_off_command": "vcgencmd display_power 0",
        "screen_on_command": "vcgencmd display_power 1",
        "fleet": {"url": "https://c.example/fleet/", "password_file": "/etc/kiosk/fleet.password", "interval_s": 120},
        "rotation": 90, "video": "kmsdrm", "log_level": "warning",
        "play_log_keep_days": 30, "play_log_max_mb": 8)"),
                          "display.json");
    ASSERT_TRUE(c) << c.error().message;
    const auto& u = c->unattended;
    EXPECT_EQ(u.on_hours.describe(), "Mon 07:30-21:00; Tue 07:30-21:00; Wed 07:30-21:00; "
                                     "Thu 07:30-21:00; Fri 07:30-21:00; Sat 09:00-18:00; "
                                     "Sun 09:00-18:00");
    EXPECT_EQ(u.utc_offset, minutes{480});
    EXPECT_EQ(u.screen_off_command, "vcgencmd display_power 0");
    ASSERT_TRUE(u.fleet);
    EXPECT_EQ(u.fleet->interval, seconds{120});
    EXPECT_EQ(u.rotation, 90);
    EXPECT_EQ(u.video, VideoOutput::Kmsdrm);
    EXPECT_EQ(u.log_level, log::Level::Warn);
    EXPECT_EQ(u.play_log_keep_days, 30);
    EXPECT_EQ(u.play_log_max_bytes, 8u << 20);
    // Defaults: always on, no fleet, no rotation.
    auto d = parse_config(config_with(""), "display.json");
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->unattended.on_hours.always_on());
    EXPECT_FALSE(d->unattended.fleet);
    EXPECT_EQ(d->unattended.rotation, 0);
}

TEST(UnattendedConfig, RefusesBadFieldsByName) {
    auto refused = [](const std::string& extra, const std::string& says) {
        auto c = parse_config(config_with(extra), "display.json");
        ASSERT_FALSE(c) << extra;
        EXPECT_NE(c.error().message.find(says), std::string::npos) << c.error().message;
    };
    refused(R"(, "on_hours": {"mon": "8-20"})",
            "field \"on_hours\": \"mon\": \"8-20\" is not hours");
    refused(R"(, "on_hours": "08:00-20:00")", "field \"on_hours\" must be an object");
    refused(R"(, "rotation": 45)", "field \"rotation\" must be 0, 90, 180 or 270");
    refused(R"(, "video": "fbdev")", "field \"video\" must be");
    refused(R"(, "fleet": {"url": "ftp://x/"})", "field \"fleet.url\"");
    refused(R"(, "fleet": {"url": "https://x/"})", "fleet\" needs url and password_file");
    refused(R"(, "fleet": {"url": "https://x/", "password_file": "p", "user": "x"})",
            "unknown field \"fleet.user\"");
    refused(R"(, "utc_offset": "8")", "field \"utc_offset\"");
    refused(R"(, "log_level": "loud")", "field \"log_level\"");
    refused(R"(, "play_log_max_mb": 0)", "field \"play_log_max_mb\"");
}

TEST(PlayLogRetention, KeepsDaysAndSize) {
    auto dir = temp_dir("retention");
    auto write = [&](const std::string& day, std::size_t bytes) {
        std::ofstream(dir / ("play-" + day + ".csv")) << std::string(bytes, 'x');
    };
    write("2020-08-01", 100); // More than 90 days before 2020-11-10.
    write("2020-08-13", 100); // Today and 89 days before: 90 days, kept.
    write("2020-11-08", 100);
    write("2020-11-09", 100);
    write("2020-11-10", 100); // Today.
    std::ofstream(dir / "notes.txt") << "not a play log";
    auto removed = prune_play_logs(dir, "2020-11-10", {90, 1000, {}});
    EXPECT_EQ(removed, std::vector<std::string>{"play-2020-08-01.csv"});
    // Over the size cap: the oldest go first, today's never.
    removed = prune_play_logs(dir, "2020-11-10", {90, 250, {}});
    EXPECT_EQ(removed, (std::vector<std::string>{"play-2020-08-13.csv", "play-2020-11-08.csv"}));
    removed = prune_play_logs(dir, "2020-11-10", {90, 10, {}});
    EXPECT_EQ(removed, std::vector<std::string>{"play-2020-11-09.csv"});
    EXPECT_TRUE(std::filesystem::exists(dir / "play-2020-11-10.csv"));
    EXPECT_TRUE(std::filesystem::exists(dir / "notes.txt"));
    std::filesystem::remove_all(dir);
}

TEST(PlayLogRetention, AClockYearsAheadDeletesNothingOfToday) {
    auto dir = temp_dir("retention-clock");
    for (const char* day : {"2025-12-04", "2025-12-05", "2025-12-06"})
        std::ofstream(dir / ("play-" + std::string(day) + ".csv")) << "slide,…\n";
    // Started with its clock at 2099: every real file looks 74 years old. With the trusted time
    // (the content's publication, 2025-12-06) nothing is older than 90 days.
    auto removed = prune_play_logs(dir, "2099-01-01", {90, 1 << 20, {}}, "2025-12-06");
    EXPECT_TRUE(removed.empty());
    // Without a trusted time the newest file (today's real one) is still never removed for its
    // age.
    removed = prune_play_logs(dir, "2099-01-01", {90, 1 << 20, {}});
    EXPECT_EQ(removed, (std::vector<std::string>{"play-2025-12-04.csv", "play-2025-12-05.csv"}));
    EXPECT_TRUE(std::filesystem::exists(dir / "play-2025-12-06.csv"));
    std::filesystem::remove_all(dir);
}

namespace {

class FakeUploader final : public sync::Uploader {
public:
    long status{201};
    std::vector<std::string> urls;
    sync::HttpResponse put(const std::string& url, const std::string&,
                           const std::string&) override {
        urls.push_back(url);
        sync::HttpResponse r;
        r.status = status;
        return r;
    }
};

} // namespace

TEST(FleetReporter, ScreenshotFirstThenStatus) {
    FakeUploader up;
    sync::FleetReporter reporter("https://c.example/fleet/hall-a-1", up);
    EXPECT_TRUE(reporter.upload({"{}", "PNG"}));
    EXPECT_EQ(up.urls, (std::vector<std::string>{"https://c.example/fleet/hall-a-1/screen.png",
                                                 "https://c.example/fleet/hall-a-1/status.json"}));
    // A refused screenshot: the status is not sent to point at it.
    up.urls.clear();
    up.status = 401;
    EXPECT_FALSE(reporter.upload({"{}", "PNG"}));
    EXPECT_EQ(up.urls.size(), 1u);
    EXPECT_EQ(reporter.uploads(), 1u);
}

TEST(DeviceStatus, JsonHasEveryField) {
    DeviceStatus s;
    s.display_id = "hall-a-1";
    s.bundle_version = 12;
    s.stored_version = 13;
    s.time = *parse_datetime("2020-11-08T09:30:00+08:00");
    s.last_error = std::string("bad \xff byte");
    s.free_disk_bytes = 1234;
    s.skipped_slides = {"flags-notice"};
    auto j = nlohmann::json::parse(status_json(s, seconds{300}));
    EXPECT_EQ(j["skipped_slides"], nlohmann::json::array({"flags-notice"}));
    EXPECT_EQ(j["display_id"], "hall-a-1");
    EXPECT_EQ(j["bundle_version"], 12);
    EXPECT_EQ(j["stored_version"], 13);
    EXPECT_EQ(j["time"], "2020-11-08T01:30:00.000Z");
    EXPECT_TRUE(j["last_sync"].is_null());
    EXPECT_EQ(j["free_disk_bytes"], 1234);
    EXPECT_EQ(j["interval_s"], 300);
    EXPECT_EQ(j["last_error"], "bad \xef\xbf\xbd byte"); // Not UTF-8: replaced, still valid JSON.
    // The system part of a real snapshot.
    DeviceStatus live;
    platform::fill_system_status(live, std::filesystem::temp_directory_path(), steady_clock::now(),
                                 "0.1.0");
    EXPECT_TRUE(live.free_disk_bytes);
    EXPECT_FALSE(live.program_version.empty());
}

TEST(DeviceStatus, ExpiredContentIsFlaggedOnTheFleetAndAdminScreens) {
    DeviceStatus s;
    s.display_id = "hall-a-1";
    auto j = nlohmann::json::parse(status_json(s, seconds{300}));
    EXPECT_TRUE(j["content_expired_at"].is_null());
    s.content_expired_at = *parse_datetime("2020-11-21T00:00:00+08:00");
    j = nlohmann::json::parse(status_json(s, seconds{300}));
    EXPECT_EQ(j["content_expired_at"], "2020-11-20T16:00:00.000Z");
    StatusInputs in;
    in.display_id = "hall-a-1";
    in.utc_offset = std::chrono::hours{8};
    in.expired_at = s.content_expired_at;
    bool said = false;
    for (const auto& [label, value] : status_lines(in))
        said =
            said || value.find("content expired at 2020-11-21T00:00:00+08:00") != std::string::npos;
    EXPECT_TRUE(said);
}

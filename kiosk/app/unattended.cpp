// Setting up the unattended parts from the config and the environment.
#include "kiosk/app/unattended.hpp"

#include "kiosk/content/bundle.hpp"
#include "kiosk/core/log.hpp"

#include <cstdlib>
#include <cstring>
#include <sys/stat.h>

namespace kiosk::app {

void use_journal_if_present() {
    const char* stream = std::getenv("JOURNAL_STREAM");
    struct stat st {};
    if (stream == nullptr || ::fstat(2, &st) != 0)
        return;
    unsigned long long dev = 0;
    unsigned long long ino = 0;
    if (std::sscanf(stream, "%llu:%llu", &dev, &ino) == 2 && dev == st.st_dev && ino == st.st_ino)
        log::set_syslog_prefix(true);
}

Unattended::Unattended(const DisplayConfig* config, const std::string& display_id,
                       std::chrono::steady_clock::time_point start,
                       std::shared_ptr<std::atomic<bool>> cancel)
    : process_start(start), notifier(ServiceNotifier::from_environment()),
      fault(FaultSwitch::from_environment()) {
    if (config != nullptr) {
        settings = config->unattended;
        disk_of = config->cache_dir;
    }
    if (auto t = notifier.watchdog_timeout()) {
        watchdog.emplace(*t);
        log::info("service",
                  "watchdog: a frame at least every " +
                      std::to_string(
                          std::chrono::duration_cast<std::chrono::milliseconds>(*t / 4).count()) +
                      " ms, pinged while frames are presented");
    }
    if (fault.armed())
        log::warn("service", "the fault switch is armed (KIOSK_FAULT_FREEZE_FILE): for tests only");
    if (!settings.on_hours.always_on())
        log::info("night", "on-hours: " + settings.on_hours.describe());
    if (!settings.screen_on_command.empty() || !settings.screen_off_command.empty())
        power =
            std::make_unique<PowerSwitch>(settings.screen_on_command, settings.screen_off_command);
    if (settings.fleet) {
        const auto& f = *settings.fleet;
        auto password = content::read_file(f.password_file, 4096);
        if (!password) {
            log::error("fleet", f.password_file.string() + ": cannot be read; no status uploads (" +
                                    password.error().message + ")");
        } else {
            std::string pw = *password;
            while (!pw.empty() && (pw.back() == '\n' || pw.back() == '\r' || pw.back() == ' '))
                pw.pop_back();
            sync::HttpLimits limits;
            limits.ca_file = config->ca_file;
            limits.connect_timeout = config->connect_timeout;
            limits.low_speed_bytes = config->low_speed_bytes;
            limits.low_speed_time = config->low_speed_time;
            limits.cancel = std::move(cancel);
            limits.user_agent = std::string("kiosk/") + KIOSK_VERSION + " (" + display_id + ")";
            uploader = std::make_unique<sync::CurlUploader>(limits, display_id, pw);
            std::string base = f.url.back() == '/' ? f.url : f.url + "/";
            fleet = std::make_unique<sync::FleetReporter>(base + display_id + "/", *uploader);
            fleet->start();
            log::info("fleet", "status every " + std::to_string(f.interval.count()) + " s to " +
                                   base + display_id + "/");
        }
    }
}

Unattended::~Unattended() {
    notifier.send("STOPPING=1");
    if (fleet)
        fleet->stop();
}

} // namespace kiosk::app

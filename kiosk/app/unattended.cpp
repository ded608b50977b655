// Setting up the unattended parts from the config and the environment.
#include "kiosk/app/unattended.hpp"

#include "kiosk/content/bundle.hpp"
#include "kiosk/core/log.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <sys/stat.h>

namespace kiosk::app {

Unattended::Unattended(const DisplayConfig* config, const std::string& display_id,
                       std::chrono::steady_clock::time_point start,
                       std::shared_ptr<std::atomic<bool>> cancel)
    : process_start(start), notifier(platform::ServiceNotifier::from_environment()),
      fault(platform::FaultSwitch::from_environment()) {
    // Weeks of running: large blocks (decoded images, textures, downloads) are mapped on their own
    // and go back to the system when freed, instead of glibc raising its threshold after the first
    // one and keeping them in a heap that only grows (release_free_memory() trims the rest).
    ::mallopt(M_MMAP_THRESHOLD, 256 * 1024);
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
        power = std::make_unique<platform::PowerSwitch>(settings.screen_on_command,
                                                        settings.screen_off_command);
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

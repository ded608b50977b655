// The board's unattended duties: the night schedule (black screen, player stopped, power
// command), a frame at least every quarter of the watchdog timeout and a ping after it, readiness
// and status for systemd, the fleet view's status and screenshot, and the fault switch.
#include "kiosk/app/board.hpp"
#include "kiosk/app/device_status.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/platform/process.hpp"
#include "kiosk/platform/system_status.hpp"
#include "kiosk/platform/thumbnail.hpp"

#include <algorithm>

namespace kiosk::app {

using steady = std::chrono::steady_clock;

namespace {

std::chrono::minutes offset_of(const Unattended& u, const content::Bundle& b) {
    return u.settings.utc_offset.value_or(b.manifest.utc_offset);
}

} // namespace

void Board::attach_unattended(Unattended& unattended, const Clock& clock) {
    m_unattended = &unattended;
    m_clock = &clock;
    m_engine.before_present = [this](TimePoint now) { before_present(now); };
    m_engine.after_present = [this] { after_present(); };
    m_dark = !unattended.settings.on_hours.is_on(clock.now(), offset_of(unattended, bundle()));
    if (m_play_log) {
        PlayLogRetention retention{
            unattended.settings.play_log_keep_days, unattended.settings.play_log_max_bytes, {}};
        if (m_store != nullptr)
            retention.trusted_time = [store = m_store]() -> std::optional<TimePoint> {
                return store->trusted_time();
            };
        m_play_log->set_retention(retention);
    }
    if (m_dark) {
        auto offset = offset_of(unattended, bundle());
        auto until = unattended.settings.on_hours.next_switch(clock.now(), offset);
        log::info("night", "screen off" + (until == TimePoint::max()
                                               ? std::string()
                                               : " until " + format_iso(until, offset)));
    }
}

bool Board::tend_unattended(TimePoint now) {
    if (m_unattended == nullptr)
        return false;
    bool dirty = false;
    Unattended& u = *m_unattended;
    if (u.fault.tripped()) {
        // Said on the notification socket first, so a test knows which pings came before.
        u.notifier.send("STATUS=main loop frozen by the fault switch");
        u.fault.freeze();
    }
    const auto offset = offset_of(u, bundle());
    const bool dark = !u.settings.on_hours.is_on(now, offset);
    if (dark != m_dark) {
        auto until = u.settings.on_hours.next_switch(now, offset);
        std::string next = until == TimePoint::max() ? "" : " until " + format_iso(until, offset);
        if (dark) {
            stage().finish(now);        // Proof of play ends with the night.
            stage().restart_schedule(); // The morning starts the schedule afresh.
            log::info("night", "screen off" + next);
        } else {
            log::info("night", "screen on" + next);
        }
        m_dark = dark;
        dirty = true;
    }
    // At start the screen is switched to the state the hours want (it may have been left off).
    if (u.power && u.screen_powered != !dark) {
        u.power->request(!dark);
        u.screen_powered = !dark;
    }
    // At night nothing is on screen: a new version is taken at once.
    if (m_dark && m_pending) {
        replace_bundle(std::exchange(m_pending, nullptr), now);
        dirty = true;
    }
    auto real_now = steady::now();
    if (u.watchdog && real_now >= u.watchdog->frame_due())
        dirty = true; // A still screen is redrawn so that it is not taken for a frozen one.
    // A new version on screen, or the screen going off or on, is reported at once (but not more
    // than every 3 s).
    if (u.fleet &&
        (bundle().manifest.bundle_version != u.reported_version || m_dark != u.reported_dark))
        u.next_report = std::min(u.next_report, u.last_report + std::chrono::seconds{3});
    if (u.fleet && real_now >= u.next_report)
        dirty = true; // The report's screenshot is read from a fresh frame.
    return dirty;
}

DeviceStatus Board::device_status(TimePoint now) const {
    DeviceStatus s;
    s.display_id = display_id(m_options);
    s.bundle_version = bundle().manifest.bundle_version;
    s.stored_version = s.bundle_version;
    if (auto cur = stage().player().current_slide(); cur && !m_dark)
        s.current_slide = bundle().manifest.slides[*cur].id;
    s.screen_on = !m_dark;
    s.time = now;
    s.content_expired_at = expired_at(now);
    s.skipped_slides = m_engine.guard().skipped_slides();
    if (m_sync != nullptr) {
        auto st = m_sync->status();
        s.stored_version = st.version;
        s.last_sync = st.last_success;
        s.last_error = st.last_error;
        s.last_error_at = st.last_error_at;
    }
    if (m_unattended != nullptr)
        platform::fill_system_status(s, m_unattended->disk_of, m_unattended->process_start,
                                     KIOSK_VERSION);
    return s;
}

void Board::before_present(TimePoint now) {
    if (m_unattended == nullptr || !m_unattended->fleet)
        return;
    Unattended& u = *m_unattended;
    auto real_now = steady::now();
    if (real_now < u.next_report)
        return;
    const auto& f = *u.settings.fleet;
    u.next_report = real_now + f.interval;
    u.last_report = real_now;
    u.reported_version = bundle().manifest.bundle_version;
    u.reported_dark = m_dark;
    sync::FleetReport report;
    report.status_json = status_json(device_status(now), f.interval);
    // Read before the frame is presented: after it, a window's back buffer is undefined.
    auto frame = m_engine.capture();
    if (auto png = platform::png_thumbnail(frame.get(), f.thumbnail_width))
        report.screen_png = std::move(*png);
    else
        log::warn("fleet", png.error().message);
    m_unattended->fleet->submit(std::move(report));
}

void Board::after_present() {
    if (m_unattended == nullptr)
        return;
    Unattended& u = *m_unattended;
    // Every quarter of a simulated hour the renderer's frame count is noted; textures not used
    // since the note of an hour ago are released. Memory then stays at what an hour of the
    // schedule needs, however long the display runs.
    if (m_clock != nullptr) {
        auto quarter =
            std::chrono::floor<std::chrono::minutes>(m_clock->now()).time_since_epoch().count() /
            15;
        if (u.frame_marks.empty() || quarter != u.last_quarter) {
            u.last_quarter = quarter;
            u.frame_marks.push_back(m_engine.renderer().frame());
            if (u.frame_marks.size() > 4) {
                u.frame_marks.pop_front();
                m_engine.renderer().drop_unused_before(u.frame_marks.front());
                platform::release_free_memory();
            }
        }
    }
    auto real_now = steady::now();
    if (!u.ready_sent) {
        u.notifier.send("READY=1");
        u.ready_sent = true;
    }
    std::string status =
        m_dark ? "STATUS=screen off (night)"
               : "STATUS=showing bundle " + std::to_string(bundle().manifest.bundle_version);
    if (status != u.status_sent) {
        u.notifier.send(status);
        u.status_sent = std::move(status);
    }
    if (u.watchdog) {
        u.watchdog->presented(real_now);
        if (u.watchdog->ping(real_now))
            u.notifier.send("WATCHDOG=1");
    }
}

int Board::unattended_wait_ms(TimePoint now) const {
    if (m_unattended == nullptr)
        return 60'000;
    const Unattended& u = *m_unattended;
    auto real_now = steady::now();
    steady::duration wait = std::chrono::minutes{1};
    if (u.watchdog)
        wait = std::min(wait, u.watchdog->frame_due() - real_now);
    if (u.fleet)
        wait = std::min(wait, u.next_report - real_now);
    auto next = u.settings.on_hours.next_switch(now, offset_of(u, bundle()));
    if (next != TimePoint::max() && m_clock != nullptr)
        wait = std::min(
            wait, std::chrono::duration_cast<steady::duration>(m_clock->real_wait(next - now)));
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(wait).count() + 1;
    return static_cast<int>(std::clamp<long long>(ms, 0, 60'000));
}

} // namespace kiosk::app

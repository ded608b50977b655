// The board: the channel's versions, the results feed, proof of play, expiry and the admin status
// around the engine.
#include "kiosk/app/board.hpp"

#include "kiosk/app/admin_status.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/platform/system_status.hpp"
#include "kiosk/sync/pin.hpp"

#include <set>
#include <unistd.h>

namespace kiosk::app {

using steady = std::chrono::steady_clock;

namespace {

std::set<std::string> objects_of(const content::Bundle& bundle) {
    std::set<std::string> out;
    for (const auto& [name, info] : bundle.manifest.assets)
        out.insert(info.sha256);
    return out;
}

} // namespace

Board::Board(engine::Engine& engine, const Options& options)
    : m_engine(engine), m_options(options) {
    if (options.play_log) {
        m_play_log = std::make_unique<PlayLog>(*options.play_log, display_id(options),
                                               bundle().manifest.utc_offset);
        m_engine.stage().on_played([this](const content::Played& p) {
            m_play_log->slide(bundle().manifest.slides[p.slide].id, p.start, p.end, bundle_label());
        });
    }
    configure_touch(TouchConfig{}, "");
}

std::string Board::display_id(const Options& o) {
    if (!o.display_id.empty())
        return o.display_id;
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0')
        return "display";
    return host;
}

void Board::configure_touch(const TouchConfig& touch, std::string channel) {
    m_channel = std::move(channel);
    if (!touch.enabled) {
        stage().disable_touch();
        return;
    }
    const Size screen = m_engine.display().size();
    ui::TouchSettings t;
    t.browse.idle = touch.idle;
    t.browse.px_per_mm = ui::ScreenPhysical{touch.screen_diagonal_in}.px_per_mm(screen);
    t.browse.admin_corner = ui::parse_corner(touch.admin_corner).value_or(ui::Corner::TopLeft);
    t.browse.admin_hold = touch.admin_hold;
    t.browse.admin_enabled = !touch.admin_pin.empty();
    t.gestures.px_per_mm = t.browse.px_per_mm;
    t.gestures.holds = {std::chrono::milliseconds{800}, t.browse.admin_hold};
    t.check_pin = [pin = touch.admin_pin](const std::string& entered) {
        return !pin.empty() && sync::verify_pin(entered, pin);
    };
    t.status = [this] {
        StatusInputs in;
        in.display_id = display_id(m_options);
        in.bundle_version = bundle().manifest.bundle_version;
        in.channel = m_channel;
        if (m_sync != nullptr)
            in.sync = m_sync->status();
        in.uptime = steady::now() - m_engine.stats().process_start();
        in.now = m_engine.drawn_at();
        in.utc_offset = bundle().manifest.utc_offset;
        in.expired_at = expired_at(m_engine.drawn_at());
        in.addresses = platform::network_addresses();
        in.version = KIOSK_VERSION;
        in.skipped_slides = m_engine.guard().skipped_slides();
        return status_lines(in);
    };
    stage().enable_touch(std::move(t));
}

void Board::guard_slides(std::filesystem::path file, std::string channel) {
    m_engine.guard() = engine::SlideGuard(std::move(file));
    m_guard_channel = std::move(channel);
    m_engine.guard().set_bundle(guard_key());
}

std::string Board::guard_key() const {
    std::string key = m_guard_channel.empty() ? "local content" : "channel " + m_guard_channel;
    key += " version " + std::to_string(bundle().manifest.bundle_version);
    if (!bundle().content_addressed)
        key += " from " + bundle().root.string();
    return key;
}

void Board::attach_sync(sync::SyncEngine& engine, sync::Store& store) {
    m_sync = &engine;
    m_store = &store;
    m_sync->set_shown_version(bundle().manifest.bundle_version);
    m_sync->set_shown_objects(objects_of(bundle()));
}

void Board::attach_feed(sync::FeedPoller& feed, Duration lost_after, Duration stale_after) {
    m_feed = &feed;
    ui::LiveResults live;
    live.results = feed.load_kept();
    live.unreachable_after = lost_after;
    live.stale_after = stale_after;
    stage().set_live(live);
}

bool Board::take_feed(TimePoint now) {
    if (m_feed == nullptr)
        return false;
    ui::LiveResults live = stage().live();
    live.last_contact = m_feed->last_contact();
    // Silence counts from the start of this run: a feed kept from the last one is not "lost"
    // before the server had the time to answer.
    if (!m_feed_since)
        m_feed_since = now;
    if (!live.last_contact)
        live.last_contact = m_feed_since; // For the board's "feed lost" badge as well.
    bool lost = live.results && now - *live.last_contact > live.unreachable_after;
    if (lost != m_feed_lost) {
        if (lost)
            log::warn("results",
                      "no answer from the results feed for " +
                          std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                             live.unreachable_after)
                                             .count()) +
                          " s: the boards are marked stale");
        else
            log::info("results", "the results feed answers again");
        m_feed_lost = lost;
    }
    bool changed = false;
    if (auto update = m_feed->take_update()) {
        live.results = update->results;
        live.changed = std::move(update->changed);
        live.changed_at = now;
        m_results_to_report = update->results->sequence;
        changed = true;
    }
    stage().set_live(std::move(live));
    return changed;
}

void Board::report_results_shown() {
    // Publish-to-screen latency is measured from this line.
    const auto& player = stage().player();
    if (m_results_to_report && player.current_slide() &&
        bundle().manifest.slides[*player.current_slide()].kind == content::SlideKind::Results) {
        log::info("results", "sequence " + std::to_string(*m_results_to_report) + " on screen at " +
                                 format_iso_ms(std::chrono::time_point_cast<Duration>(
                                     std::chrono::system_clock::now())));
        m_results_to_report.reset();
    }
}

bool Board::take_synced_version() {
    if (m_sync == nullptr)
        return false;
    if (auto bundle = m_sync->take_new_bundle()) {
        for (const auto& p : bundle->problems)
            log::warn("bundle",
                      "bundle " + std::to_string(bundle->manifest.bundle_version) + ": " + p);
        m_pending = std::move(bundle);
    }
    return update_waiting();
}

std::string Board::bundle_label() const {
    if (m_waiting)
        return "";
    std::string v = std::to_string(bundle().manifest.bundle_version);
    return m_sync != nullptr && !m_channel.empty() ? m_channel + "/" + v : v;
}

void Board::wait_for_channel(std::string server) {
    m_waiting = true;
    m_waiting_server = std::move(server);
    m_waiting_lines.clear();
}

bool Board::update_waiting() {
    if (!m_waiting)
        return false;
    std::vector<std::string> lines{"等待频道内容 · waiting for the channel's content",
                                   "显示屏 display: " + display_id(m_options),
                                   "服务器 server: " + m_waiting_server,
                                   "频道 channel: " + m_channel};
    if (m_sync != nullptr) {
        auto st = m_sync->status();
        if (st.key_untrusted)
            lines.push_back("密钥不受信任 · the channel is signed with a key not trusted here");
        else
            lines.push_back(st.activity);
        if (!st.last_error.empty() && !st.key_untrusted)
            lines.push_back(st.last_error);
    }
    if (lines == m_waiting_lines)
        return false;
    m_waiting_lines = lines;
    stage().set_waiting(std::move(lines));
    return true;
}

void Board::note_expiry(TimePoint now) {
    // The version on screen stays (the last good content) past its expiry, but says so: one log
    // line, the admin screen and the fleet status.
    const auto& expires = bundle().manifest.expires;
    bool expired = !m_waiting && expires && now >= *expires;
    if (expired && m_expired_noted != bundle().manifest.bundle_version)
        log::warn("player", "bundle " + bundle_label() + ": content expired at " +
                                format_iso(*expires, bundle().manifest.utc_offset) +
                                "; still shown, as the last good content");
    m_expired_noted = expired ? bundle().manifest.bundle_version : 0;
}

std::optional<TimePoint> Board::expired_at(TimePoint now) const {
    const auto& expires = bundle().manifest.expires;
    if (m_waiting || !expires || now < *expires)
        return std::nullopt;
    return expires;
}

bool Board::switch_version(TimePoint now, bool boundary) {
    // A new version goes on at a slide boundary (or at once when nothing is on screen), never in
    // the middle of a slide or a transition.
    if (!m_pending || !(boundary || !stage().player().current_slide()))
        return false;
    replace_bundle(std::exchange(m_pending, nullptr), now);
    return true;
}

void Board::replace_bundle(std::shared_ptr<const content::Bundle> bundle, TimePoint now) {
    if (m_waiting) {
        m_waiting = false;
        stage().set_waiting({});
    }
    m_engine.set_bundle(std::move(bundle), now);
    m_engine.guard().set_bundle(guard_key());
    if (m_sync != nullptr) {
        m_sync->set_shown_version(this->bundle().manifest.bundle_version);
        m_sync->set_shown_objects(objects_of(this->bundle()));
    }
    log::info("player",
              "now showing bundle " + std::to_string(this->bundle().manifest.bundle_version));
}

void Board::touched(TimePoint now) {
    if (m_play_log)
        m_play_log->touch(stage().touched(), now, bundle_label());
}

std::uint64_t Board::polls() const {
    return m_sync != nullptr ? m_sync->status().polls : 0;
}

bool Board::run_done(TimePoint now, std::uint64_t polled) const {
    if (m_options.run_until && now >= *m_options.run_until)
        return true;
    // Polled enough, and what the polls brought is on screen (a version waits for a slide's end).
    return m_options.polls && m_sync != nullptr &&
           polled >= static_cast<std::uint64_t>(*m_options.polls) && !m_pending;
}

void Board::tend_clock_steps(TimePoint now) {
    if (m_steps != nullptr)
        m_steps->tend(now, stage().player().waiting());
}

} // namespace kiosk::app

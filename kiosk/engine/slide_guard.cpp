// The slide guard's state file: {"bundle": …, "entered": slide id or "", "deaths": {id: n}}.
#include "kiosk/engine/slide_guard.hpp"

#include "kiosk/core/log.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace kiosk::engine {

SlideGuard::SlideGuard(std::optional<std::filesystem::path> file) : m_file(std::move(file)) {
    if (!m_file)
        return;
    std::ifstream in(*m_file);
    if (!in)
        return;
    std::stringstream text;
    text << in.rdbuf();
    try {
        auto j = nlohmann::json::parse(text.str());
        m_loaded_bundle = j.value("bundle", "");
        m_loaded_entered = j.value("entered", "");
        if (auto d = j.find("deaths"); d != j.end() && d->is_object())
            for (const auto& [id, n] : d->items())
                if (n.is_number_integer())
                    m_loaded_deaths[id] = n.get<int>();
    } catch (const nlohmann::json::exception&) {
        // A file cut short by a power cut: start afresh.
        m_loaded_bundle.clear();
    }
}

void SlideGuard::set_bundle(const std::string& key) {
    if (key == m_bundle)
        return;
    m_bundle = key;
    m_deaths.clear();
    m_skipped.clear();
    m_proven.clear();
    m_entered.clear();
    if (!m_loaded_bundle.empty() && m_loaded_bundle == key) {
        m_deaths = m_loaded_deaths;
        // The last run died while this slide was being prepared.
        if (!m_loaded_entered.empty()) {
            int n = ++m_deaths[m_loaded_entered];
            log::warn("guard", key + ": the last run ended inside slide " + m_loaded_entered +
                                   " (" + std::to_string(n) + " time" + (n == 1 ? "" : "s") + ")");
        }
    }
    m_loaded_bundle.clear();
    for (const auto& [id, n] : m_deaths) {
        if (n >= kDeathsToSkip) {
            m_skipped.insert(id);
            log::error("guard", key + ": slide " + id + " is skipped: the program died in it " +
                                    std::to_string(n) + " times; a new version tries it again");
        }
    }
    save();
}

SlideGuard::~SlideGuard() {
    if (!m_entered.empty()) {
        m_entered.clear();
        save();
    }
}

bool SlideGuard::entering(const std::string& slide_id) {
    if (m_skipped.contains(slide_id))
        return false;
    if (m_proven.contains(slide_id) || m_entered == slide_id)
        return true;
    m_entered = slide_id;
    save();
    crash_if_asked(slide_id);
    return true;
}

void SlideGuard::shown(const std::string& slide_id) {
    if (!m_proven.insert(slide_id).second)
        return;
    if (m_entered == slide_id) {
        m_entered.clear();
        save();
    }
}

std::vector<std::string> SlideGuard::skipped_slides() const {
    return {m_skipped.begin(), m_skipped.end()};
}

void SlideGuard::save() const {
    if (!m_file || m_file->empty())
        return;
    nlohmann::json j = {{"bundle", m_bundle}, {"entered", m_entered}, {"deaths", m_deaths}};
    // Written beside and renamed over: a process that dies mid-write leaves the old file whole.
    // Not synced: what this file guards against is the program dying, which leaves the page
    // cache to the kernel; a power cut at worst forgets one death.
    auto tmp = *m_file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << j.dump(0, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        if (!out) {
            log::warn("guard", tmp.string() + ": cannot be written");
            return;
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, *m_file, ec);
    if (ec)
        log::warn("guard", m_file->string() + ": cannot be replaced: " + ec.message());
}

void crash_if_asked(const std::string& slide_id) {
    const char* target = std::getenv("KIOSK_FAULT_CRASH_SLIDE");
    if (target != nullptr && slide_id == target) {
        log::error("guard", "slide " + slide_id +
                                ": crashing on purpose (KIOSK_FAULT_CRASH_SLIDE, a test hook)");
        std::abort();
    }
}

} // namespace kiosk::engine

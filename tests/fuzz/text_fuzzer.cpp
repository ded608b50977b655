// The whole text path of the display: a notice's Markdown through layout, line breaking and the
// draw list; table cells of a timetable and of a results sheet (CSV or .xlsx) through the schedule
// and results boards; the same text as a title, the header, a slogan and a link caption; and every
// line of every frame shaped and rasterised with the real fonts. Landscape and portrait, at the
// times that turn every page. Input: notice.md, timetable (CSV or .xlsx), results (CSV or .xlsx), a
// line of text, separated by kSeparator.
#include "csv.hpp"
#include "fuzz_util.hpp"
#include "kiosk/content/bundle.hpp"
#include "kiosk/content/notice.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/media/font_set.hpp"
#include "kiosk/text/segment.hpp"
#include "kiosk/text/utf8.hpp"
#include "kiosk/ui/notice_layout.hpp"
#include "kiosk/ui/show.hpp"
#include "results_csv.hpp"
#include "sheet.hpp"

#include <cstdlib>
#include <set>

using namespace kiosk;
using namespace std::chrono;

namespace {

const media::FontSet& fonts() {
    static auto set =
        media::FontSet::open(std::filesystem::path(KIOSK_SOURCE_DIR) / "fonts" / "kiosk-cjk.ttf");
    if (!set)
        std::abort();
    return **set;
}

TimePoint at(const char* t) {
    return *parse_datetime(t);
}

// Cells of a spreadsheet (CSV, or an .xlsx workbook) as timetable events, one an hour through
// 2020-11-09, title and place as typed.
content::Timetable timetable_from(const std::string& bytes) {
    content::Timetable tt;
    pack::Problems problems;
    auto rows = pack::read_sheet(bytes, "timetable.csv", problems);
    if (!rows)
        return tt;
    TimePoint t = at("2020-11-09T00:00:00+08:00");
    for (const auto& row : *rows) {
        if (tt.events.size() >= 30)
            break;
        std::string title = row.fields.empty() ? "" : row.fields[0];
        std::string place = row.fields.size() > 1 ? row.fields[1] : "";
        tt.events.push_back(
            {title.empty() ? "-" : title, t, t + minutes{50}, place, row.line % 2 == 0});
        t += hours{1};
    }
    return tt;
}

// The results sheet read as kiosk-pack reads it, then as the display reads the document.
std::optional<content::Results> results_from(const std::string& bytes) {
    pack::Problems problems;
    nlohmann::json events = nlohmann::json::array();
    std::set<std::string> names;
    (void)pack::parse_results_csv(bytes, "results.csv", problems, events, names);
    nlohmann::json doc = {
        {"sample", true}, {"updated", "2020-11-09T10:00:00+08:00"}, {"events", events}};
    auto r = content::parse_results(
        doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "data/results.json");
    if (!r)
        return std::nullopt;
    return *r;
}

std::shared_ptr<content::Bundle> bundle_of(const std::vector<std::string>& parts) {
    auto b = std::make_shared<content::Bundle>();
    auto& m = b->manifest;
    m.schema_version = 1;
    m.bundle_version = 1;
    m.utc_offset = hours{8};
    const std::string& line = parts[3];
    m.theme.header = line.empty() ? "活动周" : text::sanitize_utf8(line);
    m.theme.ticker = {{text::sanitize_utf8(line), {}}};
    content::Slide notice;
    notice.id = "notice";
    notice.kind = content::SlideKind::Text;
    notice.title = text::sanitize_utf8(line);
    notice.body = text::sanitize_utf8(parts[0]);
    notice.notice =
        std::make_shared<const content::Notice>(content::parse_markdown_notice(notice.body));
    notice.duration = seconds{20};
    content::Slide emergency = notice;
    emergency.id = "emergency";
    emergency.priority = content::Priority::Emergency;
    emergency.window.from = at("2020-11-09T20:00:00+08:00");
    content::Slide today;
    today.id = "today";
    today.kind = content::SlideKind::Schedule;
    today.data = "tt.json";
    b->timetables["tt.json"] = timetable_from(parts[1]);
    m.slides = {notice, today};
    m.playlist = {"notice", "today"};
    if (auto r = results_from(parts[2])) {
        for (std::size_t i = 0; i < r->events.size() && i < 3; ++i) {
            content::Slide board;
            board.id = "results-" + std::to_string(i);
            board.kind = content::SlideKind::Results;
            board.data = "r.json";
            board.event = r->events[i].event;
            board.duration = seconds{12};
            m.slides.push_back(board);
            m.playlist.push_back(board.id);
        }
        b->results["r.json"] = std::move(*r);
    }
    m.slides.push_back(emergency);
    return b;
}

// Every line of the frame drawn with the fonts, as the renderer would (each text once).
void draw(const ui::DrawList& list, std::set<std::string>& drawn) {
    for (const auto& cmd : list.cmds)
        if (const auto* t = std::get_if<ui::TextCmd>(&cmd);
            t && drawn.size() < 64 && drawn.insert(t->text).second)
            (void)fonts().render(t->text, t->style, t->color);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool quiet = (fuzz::quiet(), true);
    (void)quiet;
    if (size > 16 * 1024)
        return 0; // Enough for any text a board can show; longer inputs only slow the search.
    auto parts = fuzz::split(fuzz::as_text(data, size), 4);
    auto bundle = bundle_of(parts);
    // Landscape or portrait, as the input's length says.
    const Size screen = size % 2 == 0 ? Size{1920, 1080} : Size{1080, 1920};
    ui::Show show(bundle, fonts(), screen);
    const auto& slides = bundle->manifest.slides;
    std::set<std::string> drawn;
    for (std::size_t i = 0; i < slides.size(); ++i)
        draw(show.slide_preview(i, at("2020-11-09T10:30:00+08:00")), drawn);
    // The playlist through the day: notice pages, the schedule at several events, results pages,
    // and the emergency screen in the evening.
    content::Player p = content::make_player(*bundle);
    for (int step = 0; step < 8; ++step) {
        TimePoint t = at("2020-11-09T08:59:00+08:00") + seconds{9} * step + hours{2 * step};
        p.update(t, [](std::size_t) { return content::Readiness::Ready; });
        draw(show.frame(p, t), drawn);
        (void)show.next_change(p, t);
    }
    // The notice laid out alone, in a narrow box.
    ui::Layout layout = ui::make_layout(screen);
    auto nl =
        ui::lay_out_notice(*slides[0].notice, {screen.w / 3, screen.h / 4}, layout, fonts(), {});
    if (nl.pages < 1)
        std::abort();
    return 0;
}

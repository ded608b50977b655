// The layout pass of kiosk-pack check: the display's painters with the display's fonts, in a child
// process, their cut lines and missing characters traced back to the files they came from.
#include "layout_check.hpp"

#include "kiosk/content/results.hpp"
#include "kiosk/content/timetable.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/media/font_set.hpp"
#include "kiosk/text/segment.hpp"
#include "kiosk/text/utf8.hpp"
#include "kiosk/ui/notice_layout.hpp"
#include "kiosk/ui/overlays.hpp"
#include "kiosk/ui/slides.hpp"

#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>

namespace kiosk::pack {
namespace {

using namespace std::chrono;

constexpr const char* kSettings = "settings.ini";

std::string size_name(Size s) {
    return std::to_string(s.w) + "x" + std::to_string(s.h) + (s.h > s.w ? " (portrait)" : "");
}

std::string hex(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

// A text as messages quote it: whole, or its start and its length when it is long.
std::string quoted(const std::string& s) {
    text::Segments seg = text::segment(s, text::WithBreaks::No, 41);
    if (!seg.truncated)
        return "“" + s + "”";
    return "“" + seg.text.substr(0, seg.bounds[40]) + "…” (" +
           std::to_string(text::decode_utf8(s).size()) + " characters)";
}

class Checker {
public:
    Checker(const content::Bundle& bundle, const TextOrigins& origins, const media::FontSet& fonts,
            Problems& problems)
        : m_bundle(bundle), m_origins(origins), m_fonts(fonts), m_problems(problems) {}

    // Characters no font of the chain has, in every text that reaches the screen.
    void glyphs() {
        for (const auto& o : m_origins.texts)
            glyphs_of(o.text, o);
        for (const auto& [id, o] : m_origins.notice_bodies)
            glyphs_of(o.text, o);
    }

    // Text cut with … in a frame: the texts it was cut from, named where they were written.
    void cuts(const ui::DrawList& list, const std::string& slide, const std::string& where) {
        for (const auto& cmd : list.cmds) {
            const auto* t = std::get_if<ui::TextCmd>(&cmd);
            if (t == nullptr || !t->text.ends_with("…"))
                continue;
            std::string kept = t->text.substr(0, t->text.size() - std::strlen("…"));
            kept.erase(kept.find_last_not_of(' ') + 1);
            // The texts it starts with what was kept of; else (a header split at its dot) those
            // that hold it.
            std::vector<const TextOrigin*> from;
            // A text shown whole with the display's own words after it cut ("数控车加工 成绩"):
            // the slide's, not the text's.
            bool whole = std::any_of(m_origins.texts.begin(), m_origins.texts.end(),
                                     [&](const TextOrigin& o) { return o.text == kept; });
            for (int pass = 0; pass < (whole ? 1 : 2) && from.empty(); ++pass)
                for (const auto& o : m_origins.texts)
                    if (o.text != t->text && o.text.size() > kept.size() &&
                        (pass == 0 ? o.text.starts_with(kept)
                                   : o.text.find(kept) != std::string::npos))
                        from.push_back(&o);
            if (from.empty()) {
                cut_at(kSettings, slide_line(slide), "",
                       "[slide " + slide + "]: " + quoted(t->text), where, "");
                continue;
            }
            for (const TextOrigin* o : from)
                cut_at(o->file, o->line, o->field, quoted(o->text), where, t->text);
        }
    }

    // The cut texts, one warning for each text and what it is cut to, with every line it is on.
    void report_cuts() {
        for (const auto& [key, c] : m_cuts) {
            std::string lines;
            for (std::size_t i = 1; i < c.lines.size() && i < 12; ++i)
                lines += (lines.empty() ? "" : ", ") + std::to_string(c.lines[i]);
            if (c.lines.size() > 12)
                lines += ", …";
            std::string sizes;
            for (const auto& w : c.where)
                sizes += (sizes.empty() ? "" : "; ") + w;
            m_problems.warn(c.file, c.lines.front(), c.field,
                            c.what + " is cut" + (c.shown.empty() ? "" : " to " + quoted(c.shown)) +
                                " " + sizes + (lines.empty() ? "" : " (also lines " + lines + ")") +
                                ": shorten it, or it loses its end on screen");
        }
    }

    // A notice's pages and whether its time lets each be read.
    void notice_reading(const content::Slide& s, const std::vector<Size>& screens) {
        std::string pages_said;
        double need_page = 0;
        int most_pages = 1;
        for (Size screen : screens) {
            ui::Layout layout = ui::make_layout(screen);
            ui::PaintContext ctx{m_bundle, m_fonts, layout, TimePoint{}};
            ctx.slide_duration = s.duration;
            ui::NoticeLayout nl = ui::lay_out_notice_slide(s, ctx);
            std::vector<int> chars(static_cast<std::size_t>(nl.pages), 0);
            for (const auto& row : nl.rows)
                for (const auto& p : row.pieces) {
                    text::Segments seg = text::segment(p.text);
                    for (std::size_t i = 0; i < seg.size(); ++i)
                        if (!text::is_space(seg.cluster(i)))
                            ++chars[static_cast<std::size_t>(row.page)];
                }
            for (int c : chars)
                need_page = std::max(need_page,
                                     std::max<double>(kLeastSecondsAPage, c / kReadCharsPerSecond));
            most_pages = std::max(most_pages, nl.pages);
            pages_said += (pages_said.empty() ? "" : ", ") + std::to_string(nl.pages) + " page" +
                          (nl.pages == 1 ? "" : "s") + " at " + size_name(screen);
        }
        const double seconds_a_page = duration<double>(s.duration).count() / most_pages;
        if (seconds_a_page + 0.5 >= need_page)
            return;
        auto body = m_origins.notice_bodies.find(s.id);
        std::string file = body != m_origins.notice_bodies.end() ? body->second.file : kSettings;
        int line = body != m_origins.notice_bodies.end() ? 0 : slide_line(s.id);
        int enough = static_cast<int>(std::ceil(need_page * most_pages));
        warn_once(file, line, "",
                  "needs " + pages_said + "; its " +
                      std::to_string(duration_cast<seconds>(s.duration).count()) +
                      " s give each page " + std::to_string(static_cast<int>(seconds_a_page)) +
                      " s, but a page takes about " +
                      std::to_string(static_cast<int>(std::ceil(need_page))) +
                      " s to read from a distance: give [slide " + s.id +
                      "] duration = " + std::to_string(enough) + " or shorten the notice");
    }

    int slide_line(const std::string& id) const {
        auto it = m_origins.slide_lines.find(id);
        return it != m_origins.slide_lines.end() ? it->second : 0;
    }

private:
    void glyphs_of(const std::string& s, const TextOrigin& o) {
        text::Segments seg = text::segment(s);
        for (std::size_t i = 0; i < seg.size(); ++i) {
            std::string_view c = seg.cluster(i);
            for (char32_t cp : m_fonts.missing(c)) {
                int line = o.line +
                           static_cast<int>(std::count(s.begin(), s.begin() + seg.bounds[i], '\n'));
                warn_once(o.file, line, o.field,
                          "“" + std::string(c) + "” (" + hex(cp) +
                              ") is in no font of the displays: it would show as an empty box");
            }
        }
    }

    void cut_at(const std::string& file, int line, const std::string& field,
                const std::string& what, const std::string& where, const std::string& shown) {
        Cut& c = m_cuts[file + "\t" + field + "\t" + what + "\t" + shown];
        if (c.lines.empty()) {
            c.file = file;
            c.field = field;
            c.what = what;
            c.shown = shown;
        }
        if (std::find(c.lines.begin(), c.lines.end(), line) == c.lines.end())
            c.lines.push_back(line);
        if (std::find(c.where.begin(), c.where.end(), where) == c.where.end())
            c.where.push_back(where);
    }

    void warn_once(const std::string& file, int line, const std::string& field,
                   const std::string& message) {
        if (m_said.insert(file + ":" + std::to_string(line) + ":" + field + ":" + message).second)
            m_problems.warn(file, line, field, message);
    }

    const content::Bundle& m_bundle;
    const TextOrigins& m_origins;
    const media::FontSet& m_fonts;
    Problems& m_problems;
    std::set<std::string> m_said;
    struct Cut {
        std::string file, field, what, shown;
        std::vector<int> lines;
        std::vector<std::string> where;
    };
    std::map<std::string, Cut> m_cuts; // In the order of file, field and text.
};

// The local days on which the timetable has events.
std::vector<TimePoint> event_times(const content::Timetable& tt) {
    std::vector<TimePoint> out;
    for (const auto& e : tt.events)
        out.push_back(e.start + minutes{1}); // Running: its title is drawn bold.
    return out;
}

// One line of the child's report: fields separated by tabs, tabs and newlines in them escaped.
std::string field(std::string s) {
    for (char& ch : s)
        if (ch == '\t' || ch == '\n')
            ch = ' ';
    return s;
}

void write_all(int fd, const std::string& s) {
    std::size_t done = 0;
    while (done < s.size()) {
        ssize_t n = ::write(fd, s.data() + done, s.size() - done);
        if (n <= 0)
            return;
        done += static_cast<std::size_t>(n);
    }
}

} // namespace

Result<std::shared_ptr<const content::Bundle>> bundle_for_layout(const Packed& packed) {
    nlohmann::json m = nlohmann::json::parse(packed.manifest_json);
    nlohmann::json assets = nlohmann::json::object();
    const std::string zeros(64, '0');
    for (const auto& [name, src] : packed.copies) {
        // The kind of picture by its first bytes, as the manifest must say; its bytes are not read.
        std::string head(64, '\0');
        std::ifstream in(src, std::ios::binary);
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
        std::string type = "image/png";
        if (head.starts_with("\xFF\xD8"))
            type = "image/jpeg";
        else if (head.starts_with("RIFF") && head.find("WEBP") != std::string::npos)
            type = "image/webp";
        else if (!head.starts_with("\x89PNG"))
            type = "image/svg+xml";
        assets[name] = {{"sha256", zeros}, {"size", 1}, {"type", type}};
    }
    for (const auto& [name, text] : packed.generated)
        assets[name] = {{"sha256", zeros}, {"size", text.size()}, {"type", "application/json"}};
    m["assets"] = assets;
    std::vector<content::Warning> warnings;
    auto manifest = content::parse_manifest(m.dump(), warnings);
    if (!manifest)
        return std::unexpected(manifest.error());
    auto b = std::make_shared<content::Bundle>();
    b->manifest = std::move(*manifest);
    for (const auto& s : b->manifest.slides) {
        auto data = packed.generated.find(s.data);
        if (data == packed.generated.end())
            continue;
        if (s.kind == content::SlideKind::Schedule && !b->timetables.contains(s.data)) {
            if (auto t = content::parse_timetable(data->second, s.data))
                b->timetables.emplace(s.data, std::move(*t));
        } else if (s.kind == content::SlideKind::Results && !b->results.contains(s.data)) {
            if (auto r = content::parse_results(data->second, s.data))
                b->results.emplace(s.data, std::move(*r));
        }
    }
    return std::shared_ptr<const content::Bundle>(std::move(b));
}

void check_layout_here(const content::Bundle& bundle, const TextOrigins& origins,
                       const LayoutCheck& options, Problems& problems,
                       const std::function<void(const std::string&)>& begin,
                       const std::vector<std::string>& skip) {
    auto fonts = media::FontSet::open(options.font);
    if (!fonts) {
        problems.warn("", 0, "", "the layout was not checked: " + fonts.error().message);
        return;
    }
    Checker check(bundle, origins, **fonts, problems);
    check.glyphs();
    const Size screen = options.screen;
    const std::vector<Size> screens = {screen, Size{screen.h, screen.w}};
    const auto& m = bundle.manifest;
    const TimePoint noon = m.created.value_or(TimePoint{}) + hours{4};
    for (const auto& s : m.slides) {
        if (std::find(skip.begin(), skip.end(), s.id) != skip.end())
            continue;
        if (begin)
            begin(s.id);
        for (Size size : screens) {
            ui::Layout layout = ui::make_layout(size);
            const std::string where = "at " + size_name(size);
            auto frame = [&](TimePoint now, TimePoint start, const std::string& also) {
                ui::DrawList list;
                list.screen = size;
                ui::Canvas cv(list);
                ui::PaintContext ctx{bundle, **fonts, layout, now};
                ctx.slide_start = start;
                ctx.slide_duration = s.duration;
                if (s.priority == content::Priority::Emergency)
                    ui::paint_emergency(cv, s, ctx);
                else
                    ui::paint_slide(cv, s, ctx);
                check.cuts(list, s.id, where + also);
            };
            switch (s.kind) {
            case content::SlideKind::Schedule: {
                auto tt = bundle.timetables.find(s.data);
                if (tt != bundle.timetables.end())
                    for (TimePoint t : event_times(tt->second))
                        frame(t, t,
                              " on the schedule board of " + format_chinese_date(t, m.utc_offset));
                break;
            }
            case content::SlideKind::Results: {
                ui::PaintContext ctx{bundle, **fonts, layout, noon};
                ctx.slide_start = noon;
                ctx.slide_duration = s.duration;
                auto paging = ui::results_paging(s, ctx);
                for (int page = 0; page < paging.pages; ++page) {
                    TimePoint t = noon + paging.page_time * page + milliseconds{1};
                    frame(t, noon, " on the results board");
                }
                break;
            }
            default:
                frame(noon, noon, "");
            }
        }
        if (s.kind == content::SlideKind::Text && s.priority != content::Priority::Emergency)
            check.notice_reading(s, screens);
    }
    // The header, and each slogan in the ticker band alone.
    if (begin)
        begin("");
    for (Size size : screens) {
        ui::Layout layout = ui::make_layout(size);
        ui::DrawList list;
        list.screen = size;
        ui::Canvas cv(list);
        ui::paint_header(cv, m, **fonts, layout, noon);
        for (const auto& slogan : m.theme.ticker) {
            content::Manifest one = m;
            one.theme.ticker = {slogan};
            one.theme.ticker.front().window = {};
            ui::paint_ticker(cv, one, **fonts, layout, noon);
        }
        check.cuts(list, "", "at " + size_name(size));
    }
    check.report_cuts();
}

void check_layout(const content::Bundle& bundle, const TextOrigins& origins,
                  const LayoutCheck& options, Problems& problems) {
    std::vector<std::string> skip;
    for (int attempt = 0; attempt < 8; ++attempt) {
        int fds[2];
        if (::pipe(fds) != 0) {
            check_layout_here(bundle, origins, options, problems, {}, skip);
            return;
        }
        std::fflush(nullptr);
        pid_t pid = ::fork();
        if (pid < 0) {
            ::close(fds[0]);
            ::close(fds[1]);
            check_layout_here(bundle, origins, options, problems, {}, skip);
            return;
        }
        if (pid == 0) {
            ::close(fds[0]);
            Problems found;
            // The test hook the display has too: die in the slide it names.
            const char* crash = std::getenv("KIOSK_FAULT_CRASH_SLIDE");
            check_layout_here(
                bundle, origins, options, found,
                [&](const std::string& id) {
                    write_all(fds[1], "B\t" + field(id) + "\n");
                    if (crash != nullptr && id == crash)
                        std::abort();
                },
                skip);
            for (const auto& p : found.all())
                write_all(fds[1], std::string(p.severity == Severity::Error ? "E" : "W") + "\t" +
                                      field(p.file) + "\t" + std::to_string(p.line) + "\t" +
                                      field(p.field) + "\t" + field(p.message) + "\n");
            write_all(fds[1], "D\n");
            ::_exit(0);
        }
        ::close(fds[1]);
        std::string out;
        char buf[4096];
        for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            out.append(buf, static_cast<std::size_t>(n));
        }
        ::close(fds[0]);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        std::string last_begun;
        bool done = false;
        std::vector<Problem> found;
        std::size_t pos = 0;
        while (pos < out.size()) {
            auto end = out.find('\n', pos);
            if (end == std::string::npos)
                break;
            std::string line = out.substr(pos, end - pos);
            pos = end + 1;
            std::vector<std::string> f;
            for (std::size_t a = 0, b; a <= line.size(); a = b + 1) {
                b = line.find('\t', a);
                if (b == std::string::npos)
                    b = line.size();
                f.push_back(line.substr(a, b - a));
            }
            if (f[0] == "B" && f.size() == 2)
                last_begun = f[1];
            else if (f[0] == "D")
                done = true;
            else if ((f[0] == "W" || f[0] == "E") && f.size() == 5)
                found.push_back({f[0] == "E" ? Severity::Error : Severity::Warning, f[1],
                                 std::atoi(f[2].c_str()), f[3], f[4]});
        }
        if (done && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            for (auto& p : found) {
                if (p.severity == Severity::Error)
                    problems.error(p.file, p.line, p.field, p.message);
                else
                    problems.warn(p.file, p.line, p.field, p.message);
            }
            return;
        }
        std::string how = WIFSIGNALED(status)
                              ? std::string("signal ") + std::to_string(WTERMSIG(status)) + " (" +
                                    strsignal(WTERMSIG(status)) + ")"
                              : "exit status " + std::to_string(WEXITSTATUS(status));
        if (last_begun.empty()) {
            problems.error("", 0, "",
                           "laying out the header and ticker crashes the displays' code (" + how +
                               ")");
            return;
        }
        auto line = origins.slide_lines.find(last_begun);
        problems.error(kSettings, line != origins.slide_lines.end() ? line->second : 0, "",
                       "[slide " + last_begun + "]: laying it out crashes the displays' code (" +
                           how +
                           "): every display would stop on it; change its text and check again");
        skip.push_back(last_begun); // The rest is still checked.
    }
}

} // namespace kiosk::pack

// Replay file parsing: each command expands into timed steps.
#include "kiosk/app/replay.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <sstream>

namespace kiosk::app {
namespace {

std::vector<std::string> words(std::string_view line) {
    std::vector<std::string> out;
    std::istringstream in{std::string(line)};
    std::string w;
    while (in >> w)
        out.push_back(w);
    return out;
}

std::optional<double> number(const std::string& s) {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || !std::isfinite(v) || v < 0)
        return std::nullopt;
    return v;
}

// `X Y` or `@name` starting at w[i]; advances i.
std::optional<ReplayPoint> point(const std::vector<std::string>& w, std::size_t& i) {
    if (i < w.size() && w[i].size() > 1 && w[i][0] == '@')
        return ReplayPoint{0, 0, w[i++].substr(1)};
    if (i + 1 >= w.size())
        return std::nullopt;
    auto x = number(w[i]);
    auto y = number(w[i + 1]);
    if (!x || !y || *x > 100000 || *y > 100000)
        return std::nullopt;
    i += 2;
    return ReplayPoint{static_cast<int>(*x), static_cast<int>(*y), {}};
}

} // namespace

Result<std::vector<ReplayStep>> parse_replay(std::string_view text, const std::string& file) {
    using K = ReplayStep::Kind;
    std::vector<ReplayStep> steps;
    static const std::set<std::string> windows = {"close", "focus-lost", "minimized", "hidden"};
    double last = 0;
    int n = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view raw = text.substr(start, end - start);
        start = end + 1;
        ++n;
        if (auto hash = raw.find('#'); hash != std::string_view::npos)
            raw = raw.substr(0, hash);
        auto w = words(raw);
        if (w.empty())
            continue;
        auto bad = [&](const std::string& what) {
            return fail(file + ":" + std::to_string(n) + ": " + what);
        };
        auto t = number(w[0]);
        if (!t)
            return bad("a line starts with the time in seconds, e.g. 2.5");
        if (*t < last)
            return bad("the time goes backwards");
        last = *t;
        if (w.size() < 2)
            return bad("a command follows the time");
        const std::string& cmd = w[1];
        std::size_t i = 2;
        auto add = [&](double at, K kind, ReplayPoint p = {}, bool mouse = false,
                       std::string arg = {}) {
            steps.push_back({at, n, kind, std::move(p), mouse, std::move(arg)});
        };
        if (cmd == "tap" || cmd == "click") {
            auto p = point(w, i);
            if (!p || i != w.size())
                return bad(cmd + " takes X Y or @target");
            add(*t, K::Down, *p, cmd == "click");
            add(*t + 0.08, K::Up, *p, cmd == "click");
        } else if (cmd == "down" || cmd == "move" || cmd == "up") {
            bool mouse = i < w.size() && w[i] == "mouse" && ++i > 0;
            auto p = point(w, i);
            if (!p || i != w.size())
                return bad(cmd + " takes [mouse] X Y or @target");
            add(*t, cmd == "down" ? K::Down : cmd == "move" ? K::Move : K::Up, *p, mouse);
        } else if (cmd == "hold") {
            auto p = point(w, i);
            auto secs = i < w.size() ? number(w[i]) : std::nullopt;
            if (!p || !secs || i + 1 != w.size())
                return bad("hold takes X Y (or @target) and the seconds held");
            add(*t, K::Down, *p);
            add(*t + *secs, K::Up, *p);
        } else if (cmd == "swipe") {
            auto from = point(w, i);
            auto to = point(w, i);
            double secs = 0.25;
            if (i < w.size()) {
                auto s = number(w[i++]);
                if (!s)
                    return bad("swipe takes X1 Y1 X2 Y2 and optionally the seconds it takes");
                secs = *s;
            }
            if (!from || !to || i != w.size() || !from->target.empty() || !to->target.empty())
                return bad("swipe takes X1 Y1 X2 Y2 and optionally the seconds it takes");
            add(*t, K::Down, *from);
            for (int k = 1; k <= 4; ++k) {
                ReplayPoint p{
                    from->x + (to->x - from->x) * k / 5, from->y + (to->y - from->y) * k / 5, {}};
                add(*t + secs * k / 5, K::Move, p);
            }
            add(*t + secs, K::Up, *to);
        } else if (cmd == "pin") {
            if (w.size() != 3 || w[2].empty() ||
                w[2].find_first_not_of("0123456789") != std::string::npos)
                return bad("pin takes the digits to tap, then taps the enter key");
            double at = *t;
            for (char c : w[2]) {
                ReplayPoint p{0, 0, std::string("digit:") + c};
                add(at, K::Down, p);
                add(at + 0.08, K::Up, p);
                at += 0.3;
            }
            add(at, K::Down, {0, 0, "pin-enter"});
            add(at + 0.08, K::Up, {0, 0, "pin-enter"});
        } else if (cmd == "key") {
            if (w.size() != 3)
                return bad("key takes one combination, e.g. alt+f4");
            add(*t, K::Key, {}, false, w[2]);
        } else if (cmd == "window") {
            if (w.size() != 3 || !windows.contains(w[2]))
                return bad("window takes close, focus-lost, minimized or hidden");
            add(*t, K::Window, {}, false, w[2]);
        } else if (cmd == "shot") {
            if (w.size() != 3)
                return bad("shot takes a file name");
            add(*t, K::Shot, {}, false, w[2]);
        } else if (cmd == "targets") {
            if (w.size() != 3)
                return bad("targets takes a file name");
            add(*t, K::Targets, {}, false, w[2]);
        } else if (cmd == "expect" && w.size() == 4 && w[2] == "screen") {
            add(*t, K::ExpectScreen, {}, false, w[3]);
        } else if (cmd == "expect" && w.size() == 4 && w[2] == "item") {
            auto v = number(w[3]);
            if (!v || *v < 1 || *v != std::floor(*v))
                return bad("expect item takes a number from 1");
            add(*t, K::ExpectItem, {}, false, w[3]);
        } else if (cmd == "expect" && w.size() == 3 && w[2] == "exit") {
            add(*t, K::ExpectExit);
        } else {
            return bad(
                "unknown command \"" + cmd +
                "\" (tap, click, down, move, up, hold, swipe, pin, key, window, shot, targets, "
                "expect screen|item|exit)");
        }
    }
    // Expanded steps (a tap's lift, a swipe's moves) can overtake the next line's: keep order.
    std::stable_sort(steps.begin(), steps.end(),
                     [](const ReplayStep& a, const ReplayStep& b) { return a.t < b.t; });
    return steps;
}

} // namespace kiosk::app

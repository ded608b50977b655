// Draw list text form and the transforming canvas.
#include "kiosk/ui/draw_list.hpp"

#include <cmath>
#include <cstdio>

namespace kiosk::ui {
namespace {

std::string hex(Color c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X%02X", c.r, c.g, c.b, c.a);
    return buf;
}

std::string rect(Rect r) {
    return std::to_string(r.x) + "," + std::to_string(r.y) + " " + std::to_string(r.w) + "x" +
           std::to_string(r.h);
}

} // namespace

std::string to_text(const DrawCmd& cmd) {
    if (const auto* f = std::get_if<FillCmd>(&cmd))
        return "fill " + rect(f->rect) + " " + hex(f->color);
    char a[16];
    if (const auto* i = std::get_if<ImageCmd>(&cmd)) {
        std::snprintf(a, sizeof a, "%.2f", i->alpha);
        return "image " + i->asset + " " + rect(i->area) +
               (i->fit == Fit::Cover ? " cover " : " fit ") + a;
    }
    if (const auto* t = std::get_if<TextCmd>(&cmd))
        return "text " + std::to_string(t->x) + "," + std::to_string(t->y) + " " +
               std::to_string(t->style.px) + (t->style.bold ? "b " : " ") + hex(t->color) + " " +
               t->text;
    const auto& l = std::get<LayerCmd>(cmd);
    std::snprintf(a, sizeof a, "%.3f", l.alpha);
    return "layer " + rect(l.area) + " " + a + " of " + std::to_string(l.count);
}

std::string DrawList::to_text() const {
    std::string out = "screen " + std::to_string(screen.w) + "x" + std::to_string(screen.h) + "\n";
    for (const auto& cmd : cmds)
        out += ui::to_text(cmd) + "\n";
    return out;
}

std::size_t begin_layer(DrawList& list, Rect area, double alpha) {
    list.cmds.emplace_back(LayerCmd{area, alpha, 0});
    return list.cmds.size() - 1;
}

void end_layer(DrawList& list, std::size_t layer) {
    std::get<LayerCmd>(list.cmds.at(layer)).count = list.cmds.size() - layer - 1;
}

std::vector<std::string> DrawList::images() const {
    std::vector<std::string> out;
    for (const auto& cmd : cmds)
        if (const auto* i = std::get_if<ImageCmd>(&cmd))
            out.push_back(i->asset);
    return out;
}

void Canvas::fill(Rect r, Color c) {
    r.x += m_dx;
    m_list.cmds.emplace_back(FillCmd{r, with_alpha(c, m_alpha)});
}

void Canvas::image(const std::string& asset, Rect area, Fit fit) {
    area.x += m_dx;
    m_list.cmds.emplace_back(ImageCmd{asset, area, fit, m_alpha});
}

void Canvas::text(std::string s, text::Style style, int x, int y, Color c) {
    if (s.empty())
        return;
    m_list.cmds.emplace_back(TextCmd{std::move(s), style, x + m_dx, y, with_alpha(c, m_alpha)});
}

} // namespace kiosk::ui

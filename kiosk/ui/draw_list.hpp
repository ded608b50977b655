// What a frame shows, as plain data: filled rectangles, images and lines of text. The render layer
// turns it into pixels; tests compare it as text.
#pragma once

#include "kiosk/core/color.hpp"
#include "kiosk/core/geometry.hpp"
#include "kiosk/text/line_break.hpp"

#include <string>
#include <variant>
#include <vector>

namespace kiosk::ui {

struct FillCmd {
    Rect rect;
    Color color;
};

// An image asset placed in `area` by fit or cover; the render layer knows the image's size.
struct ImageCmd {
    std::string asset;
    Rect area;
    Fit fit{Fit::Contain};
    double alpha{1.0};
};

// One line of text, its line box's top-left corner at (x, y).
struct TextCmd {
    std::string text;
    text::Style style;
    int x{};
    int y{};
    Color color;
};

// The `count` commands after it, drawn as one picture: `area` cleared to black, the commands drawn
// into it (in screen coordinates, cut to `area`), and the picture laid on the frame at `alpha`.
// A crossfade fades the incoming slide as a whole this way: fading each of its items on its own
// would show the outgoing slide through every one of them, and cost a blend per item.
struct LayerCmd {
    Rect area;
    double alpha{1.0};
    std::size_t count{};
};

using DrawCmd = std::variant<FillCmd, ImageCmd, TextCmd, LayerCmd>;

struct DrawList {
    Size screen;
    std::vector<DrawCmd> cmds;

    // One command per line, stable across runs: the golden-file form of a frame.
    std::string to_text() const;
    // Every image asset the frame uses.
    std::vector<std::string> images() const;
};

// Opens a layer at the end of `list`; what is added until end_layer(list, returned index) is in it.
// Layers do not nest.
std::size_t begin_layer(DrawList& list, Rect area, double alpha);
void end_layer(DrawList& list, std::size_t layer);

// The text form of one command (without its newline).
std::string to_text(const DrawCmd& cmd);

// A view onto a draw list that moves and fades everything drawn through it (for transitions).
class Canvas {
public:
    Canvas(DrawList& list, int dx = 0, double alpha = 1.0)
        : m_list(list), m_dx(dx), m_alpha(alpha) {}
    void fill(Rect r, Color c);
    void image(const std::string& asset, Rect area, Fit fit);
    void text(std::string s, text::Style style, int x, int y, Color c);
    Size screen() const { return m_list.screen; }

private:
    DrawList& m_list;
    int m_dx;
    double m_alpha;
};

} // namespace kiosk::ui

// QR codes (libqrencode) as a module grid, and painted as filled runs so they are part of the
// draw list like everything else.
#pragma once

#include "kiosk/core/error.hpp"
#include "kiosk/ui/draw_list.hpp"

#include <string_view>
#include <vector>

namespace kiosk::ui {

struct QrCode {
    int size{}; // Modules per side, without the quiet zone.
    std::vector<bool> dark;
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// Error correction level M: a code on a glossy screen photographed at an angle still reads.
Result<QrCode> make_qr(std::string_view text);

// The code, with its four-module quiet zone, as large as fits `box` in whole pixels per module,
// centred. Returns the square it took.
Rect paint_qr(Canvas& canvas, const QrCode& code, Rect box, Color dark, Color light);

} // namespace kiosk::ui

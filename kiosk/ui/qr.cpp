// QR encoding through libqrencode.
#include "kiosk/ui/qr.hpp"

#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace kiosk::ui {

Result<QrCode> make_qr(std::string_view text) {
    if (text.empty())
        return fail("a QR code needs a text");
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(text.size()),
                          reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code)
        return fail("\"" + std::string(text.substr(0, 60)) + "\" is too long for a QR code");
    QrCode out;
    out.size = code->width;
    out.dark.resize(static_cast<std::size_t>(out.size) * static_cast<std::size_t>(out.size));
    for (std::size_t i = 0; i < out.dark.size(); ++i)
        out.dark[i] = (code->data[i] & 1) != 0;
    return out;
}

Rect paint_qr(Canvas& cv, const QrCode& code, Rect box, Color dark, Color light) {
    const int quiet = 4;
    int modules = code.size + 2 * quiet;
    int m = std::max(1, std::min(box.w, box.h) / modules);
    int side = m * modules;
    Rect square{box.x + (box.w - side) / 2, box.y + (box.h - side) / 2, side, side};
    cv.fill(square, light);
    int x0 = square.x + quiet * m;
    int y0 = square.y + quiet * m;
    for (int y = 0; y < code.size; ++y) {
        int x = 0;
        while (x < code.size) {
            if (!code.at(x, y)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < code.size && code.at(x + run, y))
                ++run;
            cv.fill({x0 + x * m, y0 + y * m, run * m, m}, dark);
            x += run;
        }
    }
    return square;
}

} // namespace kiosk::ui

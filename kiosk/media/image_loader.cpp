// The decode worker.
#include "kiosk/media/image_loader.hpp"

#include "kiosk/core/image_info.hpp"
#include "kiosk/media/jpeg_decode.hpp"
#include "kiosk/media/orientation.hpp"
#include "kiosk/media/png_decode.hpp"
#include "kiosk/media/resample.hpp"
#include "kiosk/media/svg_child.hpp"

#include <SDL_image.h>
#include <SDL_thread.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <utility>

namespace kiosk::media {
namespace {

const char* sdl_type(ImageFormat f) {
    switch (f) {
    case ImageFormat::Jpeg:
        return "JPG";
    case ImageFormat::Png:
        return "PNG";
    case ImageFormat::Webp:
        return "WEBP";
    case ImageFormat::Svg:
        return "SVG";
    case ImageFormat::Unknown:
        break;
    }
    return "";
}

// The scale that fills `target` as the fit mode wants, never enlarging (the GPU does that).
double scale_for(Size image, Size target, Fit fit) {
    if (image.w <= 0 || image.h <= 0 || target.w <= 0 || target.h <= 0)
        return 1.0;
    double sx = static_cast<double>(target.w) / image.w;
    double sy = static_cast<double>(target.h) / image.h;
    return fit == Fit::Contain ? std::min(sx, sy) : std::max(sx, sy);
}

// The size an image of `image` pixels is shown at, at `scale` (never enlarged).
Size scaled_size(Size image, double scale) {
    if (scale >= 0.999)
        return image;
    return {std::max(1, static_cast<int>(std::lround(image.w * scale))),
            std::max(1, static_cast<int>(std::lround(image.h * scale)))};
}

// `s` at `size`; `s` itself if the scaled picture cannot be made (it is shown scaled as it is
// drawn: a poster larger in memory beats a poster missing).
SurfacePtr shrink_to(SurfacePtr s, Size size) {
    if (!s || (s->w == size.w && s->h == size.h))
        return s;
    SurfacePtr out = resize_surface(s.get(), size);
    return out ? std::move(out) : std::move(s);
}

// The picture stored at `stored` (before its EXIF orientation is applied) is shown upright at
// the scale `fit` needs for `target`; this is the size to shrink it to before turning it.
Size stored_size_shown(Size stored, int orientation, Size target, Fit fit) {
    const Size upright = oriented_size(stored, orientation);
    return oriented_size(scaled_size(upright, scale_for(upright, target, fit)), orientation);
}

std::string too_large(std::uintmax_t size) {
    return "an image file of " + std::to_string(size) + " bytes is more than the limit of " +
           std::to_string(kMaxImageFileBytes >> 20) + " MiB";
}

} // namespace

ImageFormat sniff_format(std::string_view h) {
    auto starts = [&](std::string_view p) { return h.substr(0, p.size()) == p; };
    if (starts("\xFF\xD8\xFF"))
        return ImageFormat::Jpeg;
    if (starts("\x89PNG\r\n\x1A\n"))
        return ImageFormat::Png;
    if (starts("RIFF") && h.size() >= 12 && h.substr(8, 4) == "WEBP")
        return ImageFormat::Webp;
    std::size_t i = starts("\xEF\xBB\xBF") ? 3 : 0;
    while (i < h.size() && (h[i] == ' ' || h[i] == '\n' || h[i] == '\r' || h[i] == '\t'))
        ++i;
    auto rest = h.substr(i);
    if (rest.starts_with("<?xml") || rest.starts_with("<svg") || rest.starts_with("<!--") ||
        rest.starts_with("<!DOCTYPE svg"))
        return ImageFormat::Svg;
    return ImageFormat::Unknown;
}

const char* mime_of(ImageFormat f) {
    switch (f) {
    case ImageFormat::Jpeg:
        return "image/jpeg";
    case ImageFormat::Png:
        return "image/png";
    case ImageFormat::Webp:
        return "image/webp";
    case ImageFormat::Svg:
        return "image/svg+xml";
    case ImageFormat::Unknown:
        break;
    }
    return "unknown";
}

Decoded decode_image(const DecodeRequest& r, const std::filesystem::path& svg_program) {
    Decoded d;
    d.key = r.key;
    std::ifstream in(r.path, std::ios::binary);
    if (!in) {
        d.error = r.path.filename().string() + ": cannot be opened";
        return d;
    }
    std::error_code ec;
    auto size = std::filesystem::file_size(r.path, ec);
    if (ec || size > kMaxImageFileBytes) {
        d.error = r.path.filename().string() + (ec ? ": cannot be read" : ": " + too_large(size));
        return d;
    }
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return decode_image_bytes(bytes, r, svg_program);
}

Decoded decode_image_bytes(std::string_view bytes, const DecodeRequest& r,
                           const std::filesystem::path& svg_program) {
    Decoded d;
    d.key = r.key;
    if (bytes.size() > kMaxImageFileBytes) {
        d.error = r.path.filename().string() + ": " + too_large(bytes.size());
        return d;
    }
    ImageFormat fmt = sniff_format(bytes.substr(0, 512));
    if (fmt == ImageFormat::Unknown) {
        d.error = r.path.filename().string() + ": not a JPEG, PNG, WebP or SVG image";
        return d;
    }
    if (!r.mime.empty() && r.mime != mime_of(fmt)) {
        d.error = r.path.filename().string() + ": the file is " + mime_of(fmt) +
                  " but the manifest says " + r.mime;
        return d;
    }
    auto rw = [&] { return SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size())); };
    if (fmt == ImageFormat::Svg) {
        if (auto why = svg_refusal(bytes)) {
            d.error = r.path.filename().string() + ": " + *why;
            return d;
        }
        // Drawn at the size it is shown, never at the size it claims; in a child process with
        // limits when there is a program for it (svg_child.hpp).
        auto name = r.path.filename().string();
        d.surface = svg_program.empty()
                        ? draw_svg(bytes, r.target, r.fit, name, d.error)
                        : draw_svg_in_child(svg_program, bytes, r.target, r.fit, name, d.error);
        if (!d.surface && d.error.empty())
            d.error = name + ": cannot be converted (" + SDL_GetError() + ")";
        return d;
    }
    // The header says how big the picture is: refuse a decompression bomb before decoding it.
    auto info = read_image_info(bytes);
    if (!info) {
        d.error = r.path.filename().string() + ": the image header cannot be read";
        return d;
    }
    if (static_cast<std::uint64_t>(info->width) * static_cast<std::uint64_t>(info->height) >
        kMaxPixels) {
        d.error = r.path.filename().string() + ": " + std::to_string(info->width) + "x" +
                  std::to_string(info->height) + " pixels is more than the limit of " +
                  std::to_string(kMaxPixels / 1'000'000) + " million";
        return d;
    }
    if (!info->complete) {
        d.error = r.path.filename().string() +
                  ": the JPEG is cut short or damaged (no end marker after its image data)";
        return d;
    }
    // Photos from phones are stored as the sensor saw them, with an EXIF tag saying how to turn
    // them upright: the size shown, and so the scale, is that of the upright picture.
    const int orientation = exif_orientation(bytes);
    if (fmt == ImageFormat::Jpeg) {
        // Straight into the picture format, at the size needed or the next eighth up.
        const Size image{info->width, info->height};
        const Size shown = stored_size_shown(image, orientation, r.target, r.fit);
        auto jpeg = decode_jpeg(bytes, jpeg_scale_eighths(image, shown));
        if (jpeg.surface) {
            d.surface = apply_orientation(shrink_to(std::move(jpeg.surface), shown), orientation);
            return d;
        }
        if (!jpeg.unsupported) {
            d.error = r.path.filename().string() + ": cannot be decoded (" + jpeg.error + ")";
            return d;
        }
        // A colour space the decoder does not know goes the way of the other formats.
    }
    SurfacePtr s;
    if (fmt == ImageFormat::Png) {
        // libpng's own message goes into the log line, not onto standard error.
        auto png = decode_png(bytes);
        if (!png.surface) {
            d.error =
                r.path.filename().string() + ": cannot be decoded (libpng: " + png.error + ")";
            return d;
        }
        s = std::move(png.surface);
    } else {
        s.reset(IMG_LoadTyped_RW(rw(), 1, sdl_type(fmt)));
        if (!s) {
            d.error = r.path.filename().string() + ": cannot be decoded (" + IMG_GetError() + ")";
            return d;
        }
    }
    const Size size = stored_size_shown({s->w, s->h}, orientation, r.target, r.fit);
    s = to_picture_format(std::move(s));
    if (!s) {
        d.error = r.path.filename().string() + ": cannot be converted (" + SDL_GetError() + ")";
        return d;
    }
    d.surface = apply_orientation(shrink_to(std::move(s), size), orientation);
    return d;
}

ImageLoader::ImageLoader(std::function<void()> wake, std::filesystem::path svg_program)
    : m_wake(std::move(wake)), m_svg_program(std::move(svg_program)), m_thread([this] { run(); }) {}

ImageLoader::~ImageLoader() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void ImageLoader::request(DecodeRequest r) {
    {
        std::lock_guard lock(m_mutex);
        std::erase_if(m_queue, [&](const DecodeRequest& q) { return q.key == r.key; });
        m_queue.push_front(std::move(r));
    }
    m_cv.notify_all();
}

std::vector<Decoded> ImageLoader::drain() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_done, {});
}

void ImageLoader::wait_idle() {
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [this] { return m_queue.empty() && !m_busy; });
}

bool ImageLoader::wait_idle_for(std::chrono::milliseconds limit) {
    std::unique_lock lock(m_mutex);
    return m_cv.wait_for(lock, limit, [this] { return m_queue.empty() && !m_busy; });
}

void ImageLoader::run() {
    // SDL keeps each thread's error message in memory it frees only for threads it made itself;
    // this one is a std::thread, so it frees its own when it ends.
    struct SdlThreadData {
        ~SdlThreadData() { SDL_TLSCleanup(); }
    } sdl_thread_data;
    for (;;) {
        DecodeRequest r;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_stop)
                return;
            r = std::move(m_queue.front());
            m_queue.pop_front();
            m_busy = true;
        }
        Decoded d = decode_image(r, m_svg_program);
        {
            std::lock_guard lock(m_mutex);
            m_done.push_back(std::move(d));
        }
        // Wake the main loop before counting as idle, so wait_idle() returning means every
        // result has been announced.
        if (m_wake)
            m_wake();
        {
            std::lock_guard lock(m_mutex);
            m_busy = false;
        }
        m_cv.notify_all();
    }
}

} // namespace kiosk::media

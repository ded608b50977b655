// Decodes images on a worker thread into CPU surfaces sized for where they will be shown. The main
// thread drains finished work and turns it into textures; it never waits for a decoder.
#pragma once

#include "kiosk/core/geometry.hpp"
#include "kiosk/core/image_info.hpp"
#include "kiosk/media/sdl_ptr.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::media {

struct DecodeRequest {
    std::string key; // The caller's name for the result.
    std::filesystem::path path;
    std::string mime; // What the manifest says the file is.
    Size target;      // The area it will fill; the result is scaled down to what it needs.
    Fit fit{Fit::Contain};
};

struct Decoded {
    std::string key;
    SurfacePtr surface; // Null when decoding failed.
    std::string error;  // Why, naming the file.
};

enum class ImageFormat { Unknown, Jpeg, Png, Webp, Svg };

// The most pixels a decoded image may have (kiosk/core/image_info.hpp); an SVG is held to it at the
// size it is drawn.
inline constexpr std::uint64_t kMaxPixels = kMaxImagePixels;

// Recognises a format by its first bytes, never by the file's name.
ImageFormat sniff_format(std::string_view head);
const char* mime_of(ImageFormat f);

// Decodes synchronously (the worker's job; also used by tests). SVGs are drawn by `svg_program`
// in a child process with limits (svg_child.hpp), or in this process when it is empty.
Decoded decode_image(const DecodeRequest& request, const std::filesystem::path& svg_program = {});
// The same for a file already read into memory (`request.path` only names it in messages).
Decoded decode_image_bytes(std::string_view bytes, const DecodeRequest& request,
                           const std::filesystem::path& svg_program = {});

class ImageLoader {
public:
    // `wake` is called from the worker after each result, to wake the main loop. `svg_program`
    // draws SVGs in a child process (see decode_image).
    explicit ImageLoader(std::function<void()> wake, std::filesystem::path svg_program = {});
    ~ImageLoader();
    ImageLoader(const ImageLoader&) = delete;
    ImageLoader& operator=(const ImageLoader&) = delete;

    // Queues a decode. The newest request is served first: the image about to be shown matters
    // more than one queued earlier.
    void request(DecodeRequest r);
    std::vector<Decoded> drain();
    // Blocks until nothing is queued or decoding (headless screenshots run in simulated time).
    void wait_idle();
    // The same, for at most `limit`; true if idle.
    bool wait_idle_for(std::chrono::milliseconds limit);

private:
    void run();

    std::function<void()> m_wake;
    std::filesystem::path m_svg_program;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<DecodeRequest> m_queue; // Guarded by m_mutex.
    std::vector<Decoded> m_done;       // Guarded by m_mutex.
    bool m_busy{false};                // Guarded by m_mutex.
    bool m_stop{false};                // Guarded by m_mutex.
    // SDL shares one SDL_PixelFormat per format among all surfaces, made by the first thread that
    // needs it under a lock that ThreadSanitizer cannot see (SDL is not instrumented). Made here,
    // before the worker starts, the one every texture upload reads is never first made there.
    FormatPtr m_argb{SDL_AllocFormat(SDL_PIXELFORMAT_ARGB8888)};
    std::thread m_thread; // Last: started once the fields above exist.
};

} // namespace kiosk::media

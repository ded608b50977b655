// SVG drawing, in process and in a limited child.
#include "kiosk/media/svg_child.hpp"

#include "kiosk/core/child.hpp"
#include "kiosk/core/image_info.hpp"

#include <SDL_image.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>

extern char** environ;

namespace kiosk::media {
namespace {

// A file descriptor closed when it goes out of scope.
struct Fd {
    int fd{-1};
    Fd() = default;
    explicit Fd(int f) : fd(f) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }
    void reset() {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
};

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        // send() with MSG_NOSIGNAL: a child that died early must not kill the kiosk with SIGPIPE.
        auto n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

std::optional<int> number(std::string_view s) {
    int v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

} // namespace

SurfacePtr draw_svg(std::string_view bytes, Size target, Fit fit, const std::string& name,
                    std::string& error) {
    auto draw = [&](int w, int h) {
        SDL_RWops* src = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
        SurfacePtr s(IMG_LoadSizedSVG_RW(src, w, h)); // Does not close its source.
        SDL_RWclose(src);
        if (!s)
            error = name + ": cannot be decoded (" + IMG_GetError() + ")";
        return s;
    };
    // A small drawing first gives the proportions, which Cover needs to fill its place.
    constexpr int kProbe = 256;
    SurfacePtr probe = draw(kProbe, kProbe);
    if (!probe)
        return nullptr;
    if (target.w <= 0 || target.h <= 0)
        target = Size{2048, 2048};
    double sx = static_cast<double>(target.w) / probe->w;
    double sy = static_cast<double>(target.h) / probe->h;
    double scale = fit == Fit::Cover ? std::max(sx, sy) : std::min(sx, sy);
    double w = std::max(1.0, std::round(probe->w * scale));
    double h = std::max(1.0, std::round(probe->h * scale));
    if (w * h > static_cast<double>(kMaxImagePixels)) {
        error = name + ": drawn at the size it is shown the SVG would be more than the pixel limit";
        return nullptr;
    }
    return to_argb(draw(static_cast<int>(w), static_cast<int>(h)));
}

int run_svg_child(int argc, char** argv) {
    rlimit cpu{static_cast<rlim_t>(kSvgCpuLimit.count()),
               static_cast<rlim_t>(kSvgCpuLimit.count() + 1)};
    rlimit memory{kSvgMemoryLimit, kSvgMemoryLimit};
    ::setrlimit(RLIMIT_CPU, &cpu);
    if (!kSanitized) // A sanitizer has reserved terabytes of address space already.
        ::setrlimit(RLIMIT_AS, &memory);
    auto w = argc == 5 ? number(argv[2]) : std::nullopt;
    auto h = argc == 5 ? number(argv[3]) : std::nullopt;
    if (!w || !h ||
        (std::string_view(argv[4]) != "contain" && std::string_view(argv[4]) != "cover")) {
        std::fputs("usage: --draw-svg WIDTH HEIGHT contain|cover < file.svg\n", stderr);
        return 2;
    }
    std::string bytes;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, stdin)) > 0;) {
        bytes.append(buf, n);
        if (bytes.size() > kMaxSvgBytes) {
            std::fputs("more than the SVG size limit\n", stderr);
            return 1;
        }
    }
    // Failures are answered on the output too, so the kiosk logs them with the file's name.
    std::string error;
    auto fit = std::string_view(argv[4]) == "cover" ? Fit::Cover : Fit::Contain;
    auto s = draw_svg(bytes, {*w, *h}, fit, "", error);
    if (!s) {
        std::printf("error %s\n", error.size() > 2 ? error.c_str() + 2 : "cannot be decoded");
        return 1;
    }
    std::printf("%d %d\n", s->w, s->h);
    for (int y = 0; y < s->h; ++y)
        std::fwrite(static_cast<const char*>(s->pixels) + static_cast<std::ptrdiff_t>(y) * s->pitch,
                    1, static_cast<std::size_t>(s->w) * 4, stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

SurfacePtr draw_svg_in_child(const std::filesystem::path& program, std::string_view bytes,
                             Size target, Fit fit, const std::string& name, std::string& error) {
    int in[2], out[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0)
        return error = name + ": cannot start drawing it (" + std::strerror(errno) + ")", nullptr;
    Fd in_parent(in[0]), in_child(in[1]);
    if (::pipe2(out, O_CLOEXEC) != 0)
        return error = name + ": cannot start drawing it (" + std::strerror(errno) + ")", nullptr;
    Fd out_parent(out[0]), out_child(out[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_child.fd, 0);
    posix_spawn_file_actions_adddup2(&actions, out_child.fd, 1);
    std::string prog = program.string(), w = std::to_string(target.w), h = std::to_string(target.h);
    std::string how = fit == Fit::Cover ? "cover" : "contain", flag(kDrawSvgArgument);
    char* args[] = {prog.data(), flag.data(), w.data(), h.data(), how.data(), nullptr};
    pid_t pid = -1;
    // A process group of its own, ended with it (as power commands are: kiosk/core/child.hpp).
    posix_spawnattr_t attr;
    bool grouped = init_spawn_in_own_group(&attr);
    int spawned =
        ::posix_spawn(&pid, prog.c_str(), &actions, grouped ? &attr : nullptr, args, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (grouped)
        posix_spawnattr_destroy(&attr);
    if (spawned != 0)
        return error = name + ": cannot start drawing it (" + std::strerror(spawned) + ")", nullptr;
    in_child.reset();
    out_child.reset();

    // The child reads the whole file before it writes anything, so writing first cannot block
    // on a full output pipe.
    bool sent = write_all(in_parent.fd, bytes);
    in_parent.reset();
    std::string got;
    auto deadline = std::chrono::steady_clock::now() + 2 * kSvgCpuLimit;
    std::size_t want = 0;
    bool timed_out = false;
    while (sent) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timed_out = true;
            break;
        }
        pollfd p{out_parent.fd, POLLIN, 0};
        int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) {
            timed_out = ready == 0;
            break;
        }
        char buf[1 << 16];
        auto n = ::read(out_parent.fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got.append(buf, static_cast<std::size_t>(n));
        if (want == 0 && !got.starts_with("error ")) {
            if (auto nl = got.find('\n'); nl != std::string::npos) {
                int cw = 0, ch = 0;
                if (std::sscanf(got.c_str(), "%d %d", &cw, &ch) != 2 || cw <= 0 || ch <= 0 ||
                    static_cast<std::uint64_t>(cw) * static_cast<std::uint64_t>(ch) >
                        kMaxImagePixels)
                    break;
                want = nl + 1 + static_cast<std::size_t>(cw) * static_cast<std::size_t>(ch) * 4;
                got.reserve(want);
            }
        }
        if (want != 0 && got.size() >= want)
            break;
    }
    if (timed_out || !sent)
        kill_group(pid);
    // Its output is in (or it was killed): it exits now, or is killed at the deadline; waitpid
    // alone would wait for ever on a child that hangs after writing.
    auto end = wait_child(
        pid, std::max(deadline, std::chrono::steady_clock::now() + std::chrono::seconds{1}));
    int status = end.status;
    timed_out = timed_out || end.timed_out;
    bool over_cpu = WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU;
    if (timed_out || over_cpu || (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && sent)) {
        error = name + ": takes more than " + std::to_string(kSvgCpuLimit.count()) +
                " s to draw, more than the limit";
        return nullptr;
    }
    if (got.starts_with("error ")) {
        auto nl = got.find('\n');
        error = name + ": " + got.substr(6, nl == std::string::npos ? std::string::npos : nl - 6);
        return nullptr;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || want == 0 || got.size() < want) {
        error = name + ": cannot be decoded (the drawing process " +
                (WIFSIGNALED(status) ? "died of signal " + std::to_string(WTERMSIG(status))
                                     : "failed") +
                ")";
        return nullptr;
    }
    int cw = 0, ch = 0;
    std::sscanf(got.c_str(), "%d %d", &cw, &ch);
    SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, cw, ch, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!s) {
        error = name + ": cannot be converted (" + SDL_GetError() + ")";
        return nullptr;
    }
    const char* src = got.data() + got.find('\n') + 1;
    for (int y = 0; y < ch; ++y)
        std::memcpy(static_cast<char*>(s->pixels) + static_cast<std::ptrdiff_t>(y) * s->pitch,
                    src + static_cast<std::ptrdiff_t>(y) * cw * 4,
                    static_cast<std::size_t>(cw) * 4);
    return s;
}

} // namespace kiosk::media

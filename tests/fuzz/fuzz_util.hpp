// What the fuzz targets share: one input split into several files, a scratch folder of their own,
// and an HTTP server that serves files from memory.
#pragma once

#include "kiosk/core/log.hpp"
#include "kiosk/sync/http.hpp"

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::fuzz {

// Parts of one input are separated by this line, so a seed stays readable text.
inline constexpr std::string_view kSeparator = "\n--8<--\n";

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// The input's parts; the last one takes whatever follows the (`count` - 1)th separator.
inline std::vector<std::string> split(std::string_view data, std::size_t count) {
    std::vector<std::string> parts;
    while (parts.size() + 1 < count) {
        auto at = data.find(kSeparator);
        if (at == std::string_view::npos)
            break;
        parts.emplace_back(data.substr(0, at));
        data.remove_prefix(at + kSeparator.size());
    }
    parts.emplace_back(data);
    parts.resize(count);
    return parts;
}

// An empty folder for this process (in memory where /dev/shm exists, so fsync costs nothing).
inline std::filesystem::path scratch(const std::string& name) {
    std::filesystem::path base =
        std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    auto dir = base / ("kiosk-fuzz-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline void write(const std::filesystem::path& path, std::string_view bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Refusals are logged as they are in the program; a fuzzer does not need to see them.
inline void quiet() {
    log::set_level(log::Level::Error);
}

// A web server in memory: paths below `root` answer with their bytes, anything else with 404.
// Limits and resumed downloads behave as CurlClient's do.
class MemoryServer final : public sync::HttpClient {
public:
    static constexpr std::string_view root = "http://fuzz.invalid/";
    std::map<std::string, std::string> files;

    sync::HttpResponse get(const sync::HttpRequest& r) override {
        sync::HttpResponse res;
        auto it = r.url.starts_with(root) ? files.find(r.url.substr(root.size())) : files.end();
        if (it == files.end()) {
            res.status = 404;
            return res;
        }
        res.status = 200;
        std::string_view body = it->second;
        if (r.to_file) {
            std::error_code ec;
            auto have = std::filesystem::file_size(*r.to_file, ec);
            if (!ec && have > 0 && have <= body.size()) {
                res.status = 206;
                body.remove_prefix(have);
            }
        }
        if (body.size() > r.max_bytes) {
            res.error = "more than " + std::to_string(r.max_bytes) + " bytes";
            return res;
        }
        res.received = body.size();
        if (r.to_file)
            std::ofstream(*r.to_file, std::ios::binary | std::ios::app)
                .write(body.data(), static_cast<std::streamsize>(body.size()));
        else
            res.body = body;
        return res;
    }
};

} // namespace kiosk::fuzz

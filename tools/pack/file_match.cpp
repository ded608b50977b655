// Close matches by edit distance between paths, compared without case.
#include "file_match.hpp"

#include "kiosk/text/utf8.hpp"

#include <algorithm>
#include <vector>

namespace kiosk::pack {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxFiles = 10'000;

// Lower case for ASCII letters and full-width ones (Ａ-Ｚ become a-z): what a file system that
// ignores case, or an operator typing with a Chinese input method, takes as the same name.
std::u32string folded(const std::string& s) {
    std::u32string out = text::decode_utf8(s);
    for (auto& c : out) {
        if (c >= U'\uFF01' && c <= U'\uFF5E')
            c = c - 0xFEE0;
        if (c >= U'A' && c <= U'Z')
            c = c - U'A' + U'a';
    }
    return out;
}

// Levenshtein distance, giving up (returning `limit + 1`) once it must be above `limit`.
int distance(const std::u32string& a, const std::u32string& b, int limit) {
    const auto n = a.size();
    const auto m = b.size();
    if ((n > m ? n - m : m - n) > static_cast<std::size_t>(limit))
        return limit + 1;
    std::vector<int> row(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        row[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        int best = row[0];
        for (std::size_t j = 1; j <= m; ++j) {
            int up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
            best = std::min(best, row[j]);
        }
        if (best > limit)
            return limit + 1;
    }
    return row[m];
}

// The file name without its extension, and the extension with .jpeg taken as .jpg.
std::u32string same_kind(const std::u32string& path) {
    std::u32string p = path;
    for (const std::u32string ext : {U".jpeg", U".jpe"})
        if (p.size() > ext.size() && p.ends_with(ext))
            p = p.substr(0, p.size() - ext.size()) + U".jpg";
    return p;
}

} // namespace

std::optional<std::string> close_file_match(const fs::path& dir, const std::string& name) {
    const std::u32string wanted = same_kind(folded(name));
    const std::u32string wanted_file = same_kind(folded(fs::path(name).filename().string()));
    // A typo of a character or two; more in a long name, never most of a short one.
    const int limit = std::clamp(static_cast<int>(wanted.size()) / 5, 1, 3);
    std::optional<std::string> best;
    int best_score = limit + 1;
    std::error_code ec;
    int seen = 0;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator() && seen < kMaxFiles; it.increment(ec)) {
        if (!it->is_regular_file(ec))
            continue;
        ++seen;
        std::string rel = fs::relative(it->path(), dir, ec).generic_string();
        if (ec || rel.empty())
            continue;
        auto candidate = same_kind(folded(rel));
        // The whole path, or the same file name in another folder (a poster left in the
        // folder's top level, or in images/ instead of posters/), counted as one edit more.
        int score = distance(candidate, wanted, limit);
        auto file = same_kind(folded(it->path().filename().string()));
        if (score > limit && file == wanted_file)
            score = 1;
        if (score < best_score) {
            best_score = score;
            best = rel;
        }
    }
    return best;
}

} // namespace kiosk::pack

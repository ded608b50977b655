// Textures by key, least recently used evicted past a byte budget. Main thread only: SDL_Renderer
// textures may not be created or destroyed elsewhere.
#pragma once

#include "kiosk/media/sdl_ptr.hpp"

#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

namespace kiosk::render {

class TextureCache {
public:
    explicit TextureCache(std::size_t budget_bytes) : m_budget(budget_bytes) {}

    // The texture for `key`, marked as used in frame `frame`; null if absent.
    SDL_Texture* get(const std::string& key, std::uint64_t frame);
    // Stores a texture of `bytes`, last used in frame `used` (0: not yet shown), and evicts the
    // least recently used ones past the budget, never one used in frame `current` nor the new one.
    SDL_Texture* put(const std::string& key, media::TexturePtr texture, std::size_t bytes,
                     std::uint64_t used, std::uint64_t current);
    // Evicts the least recently used textures, never one used in frame `current`, until `bytes`
    // more fit in the budget, and hands them to the caller: room is made before a texture is
    // made, not after, so that a new picture, the pixels it is made from and the one it replaces
    // are never all in memory at once; and an evicted texture of the right size can take the new
    // picture's pixels instead of a new texture's fresh pages.
    std::vector<media::TexturePtr> make_room(std::size_t bytes, std::uint64_t current);
    bool contains(const std::string& key) const { return m_entries.contains(key); }
    std::size_t bytes() const { return m_bytes; }
    std::size_t size() const { return m_entries.size(); }
    void clear();
    // Removes every texture last used before frame `frame` (not on screen for a while).
    void drop_unused_before(std::uint64_t frame);

private:
    struct Entry {
        media::TexturePtr texture;
        std::size_t bytes{};
        std::uint64_t frame{};
        std::list<std::string>::iterator lru;
    };
    // Evicts past the budget less `reserve`; what goes is put in `out`, or destroyed without it.
    void evict(std::uint64_t frame, const std::string& keep, std::size_t reserve = 0,
               std::vector<media::TexturePtr>* out = nullptr);

    std::size_t m_budget;
    std::size_t m_bytes{0};
    std::unordered_map<std::string, Entry> m_entries;
    std::list<std::string> m_lru; // Front: most recently used.
};

} // namespace kiosk::render

// LRU texture cache.
#include "kiosk/render/texture_cache.hpp"

namespace kiosk::render {

SDL_Texture* TextureCache::get(const std::string& key, std::uint64_t frame) {
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return nullptr;
    it->second.frame = frame;
    m_lru.splice(m_lru.begin(), m_lru, it->second.lru);
    return it->second.texture.get();
}

SDL_Texture* TextureCache::put(const std::string& key, media::TexturePtr texture, std::size_t bytes,
                               std::uint64_t frame) {
    auto old = m_entries.find(key);
    if (old != m_entries.end()) {
        m_bytes -= old->second.bytes;
        m_lru.erase(old->second.lru);
        m_entries.erase(old);
    }
    m_lru.push_front(key);
    SDL_Texture* raw = texture.get();
    m_entries.emplace(key, Entry{std::move(texture), bytes, frame, m_lru.begin()});
    m_bytes += bytes;
    evict(frame);
    return raw;
}

void TextureCache::evict(std::uint64_t frame) {
    while (m_bytes > m_budget && !m_lru.empty()) {
        auto it = m_entries.find(m_lru.back());
        if (it->second.frame >= frame)
            break; // Everything left is on screen now; over budget beats a missing picture.
        m_bytes -= it->second.bytes;
        m_entries.erase(it);
        m_lru.pop_back();
    }
}

void TextureCache::clear() {
    m_entries.clear();
    m_lru.clear();
    m_bytes = 0;
}

} // namespace kiosk::render

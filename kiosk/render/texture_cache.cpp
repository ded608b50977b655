// LRU texture cache.
#include "kiosk/render/texture_cache.hpp"

#include <algorithm>

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
                               std::uint64_t used, std::uint64_t current) {
    auto old = m_entries.find(key);
    if (old != m_entries.end()) {
        m_bytes -= old->second.bytes;
        m_lru.erase(old->second.lru);
        m_entries.erase(old);
    }
    m_lru.push_front(key);
    SDL_Texture* raw = texture.get();
    m_entries.emplace(key, Entry{std::move(texture), bytes, used, m_lru.begin()});
    m_bytes += bytes;
    evict(current, key);
    return raw;
}

std::vector<media::TexturePtr> TextureCache::make_room(std::size_t bytes, std::uint64_t current) {
    std::vector<media::TexturePtr> out;
    evict(current, std::string{}, bytes, &out);
    return out;
}

void TextureCache::evict(std::uint64_t frame, const std::string& keep, std::size_t reserve,
                         std::vector<media::TexturePtr>* out) {
    while (m_bytes + reserve > m_budget && !m_lru.empty()) {
        // Skip what is on screen now: over budget beats a missing picture.
        auto victim = std::find_if(m_lru.rbegin(), m_lru.rend(), [&](const std::string& k) {
            return k != keep && m_entries.at(k).frame < frame;
        });
        if (victim == m_lru.rend())
            break;
        auto it = m_entries.find(*victim);
        m_bytes -= it->second.bytes;
        m_lru.erase(it->second.lru);
        if (out != nullptr)
            out->push_back(std::move(it->second.texture));
        m_entries.erase(it);
    }
}

void TextureCache::drop_unused_before(std::uint64_t frame) {
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->second.frame < frame) {
            m_bytes -= it->second.bytes;
            m_lru.erase(it->second.lru);
            it = m_entries.erase(it);
        } else {
            ++it;
        }
    }
}

void TextureCache::clear() {
    m_entries.clear();
    m_lru.clear();
    m_bytes = 0;
}

} // namespace kiosk::render

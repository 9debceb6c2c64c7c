#include "session/ResultCache.h"

#include <unistd.h>
#include <algorithm>

namespace filterscope {

ResultCache::ResultCache(size_t budgetBytes) : budget_(budgetBytes) {}

size_t ResultCache::defaultBudget() {
    const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || pageSize <= 0)
        return size_t(1) << 30;
    return static_cast<size_t>(pages) * static_cast<size_t>(pageSize) / 4;
}

void ResultCache::setBudget(size_t bytes) {
    budget_ = bytes;
    evict();
}

std::shared_ptr<const InputResult> ResultCache::find(const Key& key) {
    const auto it = index_.find(key);
    if (it == index_.end())
        return nullptr;
    entries_.splice(entries_.end(), entries_, it->second);  // now the most recently used
    return it->second->result;
}

void ResultCache::insert(const Key& key, std::shared_ptr<const InputResult> result) {
    const auto it = index_.find(key);
    if (it != index_.end()) {
        bytes_ -= it->second->bytes;
        entries_.erase(it->second);
        index_.erase(it);
    }
    const size_t bytes = result ? result->bytes() : 0;
    entries_.push_back({key, std::move(result), bytes});
    index_[key] = std::prev(entries_.end());
    bytes_ += bytes;
    evict();
}

void ResultCache::setReserved(size_t bytes) {
    reserved_ = bytes;
    evict();
}

void ResultCache::pin(std::vector<Key> keys) {
    pinned_ = std::move(keys);
    evict();
}

void ResultCache::dropPlugin(const std::string& pluginIdentity) {
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (it->key.plugin == pluginIdentity) {
            bytes_ -= it->bytes;
            index_.erase(it->key);
            it = entries_.erase(it);
        } else {
            ++it;
        }
    }
}

std::vector<ResultCache::Key> ResultCache::keysOldestFirst() const {
    std::vector<Key> keys;
    for (const Entry& e : entries_)
        keys.push_back(e.key);
    return keys;
}

void ResultCache::evict() {
    auto it = entries_.begin();
    const size_t room = budget_ > reserved_ ? budget_ - reserved_ : 0;
    while (bytes_ > room && it != entries_.end() && std::next(it) != entries_.end()) {
        if (std::find(pinned_.begin(), pinned_.end(), it->key) != pinned_.end()) {
            ++it;
            continue;
        }
        bytes_ -= it->bytes;
        index_.erase(it->key);
        it = entries_.erase(it);
    }
}

}  // namespace filterscope

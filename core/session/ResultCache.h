#pragma once

#include "session/InputResult.h"

#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace filterscope {

// Results the window has computed, by (plugin identity, input), bounded by bytes. The identity is the
// plugin's folder, the content hash of its model and its variant (ModelPlugin::identity()), so a plugin
// closed and another opened can never be handed the old one's results. Least recently used results go
// first when the budget is exceeded; the newest result always stays, even alone over the budget, and so
// do pinned ones (what the views show now).
class ResultCache {
public:
    struct Key {
        std::string plugin;  // ModelPlugin::identity()
        std::string input;
        bool operator<(const Key& o) const {
            return plugin != o.plugin ? plugin < o.plugin : input < o.input;
        }
        bool operator==(const Key& o) const { return plugin == o.plugin && input == o.input; }
    };

    explicit ResultCache(size_t budgetBytes = defaultBudget());
    // A quarter of physical memory (1 GiB when it cannot be read).
    static size_t defaultBudget();

    size_t budget() const { return budget_; }
    void setBudget(size_t bytes);  // evicts down to it at once
    size_t bytes() const { return bytes_; }
    // Memory held outside the cache by running work (a dataset probe's passes): the results leave it room
    // within the budget, oldest first, with the same exceptions as always.
    void setReserved(size_t bytes);
    size_t reserved() const { return reserved_; }
    size_t size() const { return entries_.size(); }

    // Null when absent; a hit makes the entry the most recently used.
    std::shared_ptr<const InputResult> find(const Key& key);
    bool contains(const Key& key) const { return index_.count(key) > 0; }
    void insert(const Key& key, std::shared_ptr<const InputResult> result);
    // Entries that eviction must keep (the results on screen); replaces the previous pins.
    void pin(std::vector<Key> keys);
    void dropPlugin(const std::string& pluginIdentity);  // a closed plugin's results go
    std::vector<Key> keysOldestFirst() const;

private:
    struct Entry {
        Key key;
        std::shared_ptr<const InputResult> result;
        size_t bytes;
    };
    void evict();

    size_t budget_;
    size_t bytes_ = 0;
    size_t reserved_ = 0;
    std::list<Entry> entries_;  // oldest first
    std::map<Key, std::list<Entry>::iterator> index_;
    std::vector<Key> pinned_;
};

}  // namespace filterscope

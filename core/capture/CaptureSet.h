#pragma once

#include "array/FloatArray.h"

#include <string>
#include <vector>

namespace filterscope {

// What a model's forward() returned, in the order the model returned it. Keys follow the plugin
// contract: tokens.<stage>, attn.<stage>, wattn.<stage>, xattn.<stage>, logits; any other key is kept as an
// extra.
struct Capture {
    std::string key;
    FloatArray value;
};

enum class CaptureKind { Tokens, Attention, WindowAttention, CrossAttention, Logits, Extra };

struct CaptureKey {
    CaptureKind kind = CaptureKind::Extra;
    std::string stage;  // empty for logits and extras

    static CaptureKey parse(const std::string& key);
};

class CaptureSet {
public:
    void add(std::string key, FloatArray value);
    const FloatArray* find(const std::string& key) const;
    const FloatArray& get(const std::string& key) const;  // throws Error naming the key
    const std::vector<Capture>& all() const { return captures_; }
    std::vector<std::string> keys() const;
    bool empty() const { return captures_.empty(); }
    size_t bytes() const;  // of every value

    // Stage names in order of first appearance of any tokens./attn./xattn. key.
    std::vector<std::string> stagesInOrder() const;
    // Stages that have a tokens.<stage> capture, in order of first appearance.
    std::vector<std::string> tokenStages() const;

private:
    std::vector<Capture> captures_;
};

}  // namespace filterscope

#include "capture/CaptureSet.h"

#include "common/Error.h"

#include <algorithm>

namespace filterscope {

CaptureKey CaptureKey::parse(const std::string& key) {
    auto startsWith = [&](const char* p) { return key.rfind(p, 0) == 0; };
    CaptureKey k;
    if (startsWith("tokens.")) {
        k.kind = CaptureKind::Tokens;
        k.stage = key.substr(7);
    } else if (startsWith("attn.")) {
        k.kind = CaptureKind::Attention;
        k.stage = key.substr(5);
    } else if (startsWith("wattn.")) {
        k.kind = CaptureKind::WindowAttention;
        k.stage = key.substr(6);
    } else if (startsWith("xattn.")) {
        k.kind = CaptureKind::CrossAttention;
        k.stage = key.substr(6);
    } else if (key == "logits") {
        k.kind = CaptureKind::Logits;
    }
    if (k.kind != CaptureKind::Extra && k.kind != CaptureKind::Logits && k.stage.empty())
        k.kind = CaptureKind::Extra;  // "tokens." alone names no stage
    return k;
}

void CaptureSet::add(std::string key, FloatArray value) {
    for (Capture& c : captures_)
        if (c.key == key) {
            c.value = std::move(value);
            return;
        }
    captures_.push_back({std::move(key), std::move(value)});
}

const FloatArray* CaptureSet::find(const std::string& key) const {
    for (const Capture& c : captures_)
        if (c.key == key)
            return &c.value;
    return nullptr;
}

const FloatArray& CaptureSet::get(const std::string& key) const {
    if (const FloatArray* a = find(key))
        return *a;
    throw Error("capture '" + key + "' is missing");
}

size_t CaptureSet::bytes() const {
    size_t n = 0;
    for (const Capture& c : captures_)
        n += c.value.data.size() * sizeof(float);
    return n;
}

std::vector<std::string> CaptureSet::keys() const {
    std::vector<std::string> out;
    for (const Capture& c : captures_)
        out.push_back(c.key);
    return out;
}

std::vector<std::string> CaptureSet::stagesInOrder() const {
    std::vector<std::string> out;
    for (const Capture& c : captures_) {
        const CaptureKey k = CaptureKey::parse(c.key);
        if (k.stage.empty())
            continue;
        if (std::find(out.begin(), out.end(), k.stage) == out.end())
            out.push_back(k.stage);
    }
    return out;
}

std::vector<std::string> CaptureSet::tokenStages() const {
    std::vector<std::string> out;
    for (const Capture& c : captures_) {
        const CaptureKey k = CaptureKey::parse(c.key);
        if (k.kind == CaptureKind::Tokens)
            out.push_back(k.stage);
    }
    return out;
}

}  // namespace filterscope

#include "session/InputResult.h"

#include "analysis/AttentionAnalysis.h"
#include "analysis/WindowAttentionAnalysis.h"
#include "common/Error.h"

#include <QtGlobal>

namespace filterscope {

const StageMaps* InputResult::stage(const std::string& name) const {
    for (const StageMaps& m : maps)
        if (m.stage == name)
            return &m;
    return nullptr;
}

const QueryStageMaps* InputResult::queryStage(const std::string& name) const {
    for (const QueryStageMaps& q : queries)
        if (q.stage == name)
            return &q;
    return nullptr;
}

std::vector<std::string> InputResult::attentionStages() const {
    std::vector<std::string> out;
    for (const StageMaps& m : maps)
        if (captures.find("attn." + m.stage) || captures.find("wattn." + m.stage) ||
            halfAttention.count("attn." + m.stage))
            out.push_back(m.stage);
    return out;
}

int InputResult::attentionHeads(const std::string& stage) const {
    if (const FloatArray* a = captures.find("attn." + stage))
        return static_cast<int>(a->shape[1]);
    if (const FloatArray* a = captures.find("wattn." + stage))
        return static_cast<int>(a->shape[1]);
    auto it = halfAttention.find("attn." + stage);
    return it == halfAttention.end() ? 0 : static_cast<int>(it->second.shape[1]);
}

FloatArray InputResult::attentionMap(const std::string& stage, const PluginManifest& manifest, int head,
                                     int token, bool column) const {
    const TokenLayout layout = manifest.layoutOf(stage);
    if (const FloatArray* w = captures.find("wattn." + stage)) {
        const int grid = token == kMeanOverQueries ? token : token - layout.prefix;
        return column ? windowAttentionColumnMap(*w, layout, manifest.windowOf(stage), head, grid)
                      : windowAttentionRowMap(*w, layout, manifest.windowOf(stage), head, grid);
    }
    if (const FloatArray* a = captures.find("attn." + stage))
        return column ? attentionColumnMap(*a, layout, head, token)
                      : attentionRowMap(*a, layout, head, token);
    auto it = halfAttention.find("attn." + stage);
    if (it == halfAttention.end())
        throw Error("stage '" + stage + "' has no attention capture");
    return column ? attentionColumnMap(it->second, layout, head, token)
                  : attentionRowMap(it->second, layout, head, token);
}

size_t InputResult::bytes() const {
    size_t n = modelInput.pixels.size();
    for (const Capture& c : captures.all())
        n += c.value.data.size() * sizeof(float);
    for (const auto& [key, half] : halfAttention)
        n += half.bytes();
    auto add = [&](const FloatArray* a) {
        if (a)
            n += a->data.size() * sizeof(float);
    };
    for (const QueryStageMaps& q : queries) {
        add(&q.maps);
        add(&q.similarity);
        add(&q.similarityRaw);
        add(&q.coverage);
    }
    if (rollout) {
        add(&rollout->map);
        add(&rollout->mask);
    }
    if (relevance)
        add(&relevance->maps);
    for (const std::vector<float>& g : layers.grams)  // kept for cross-model CKA: N² each
        n += g.size() * sizeof(float);
    for (const StageTokenStatistics& t : layers.tokenStats)
        n += (t.stats.norms.size() + t.stats.phi.size()) * sizeof(float);
    for (const StageMaps& m : maps) {
        if (m.norms)
            add(&m.norms->grid);
        add(m.activation ? &*m.activation : nullptr);
        add(m.frequency ? &*m.frequency : nullptr);
        add(m.spectrum ? &m.spectrum->centredPower : nullptr);
        if (m.attention) {
            for (const FloatArray& h : m.attention->headMaps)
                add(&h);
            add(&m.attention->meanMap);
            add(&m.attention->meanMask);
        }
    }
    return n;
}

}  // namespace filterscope

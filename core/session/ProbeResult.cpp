#include "session/ProbeResult.h"

#include "analysis/AttentionAnalysis.h"
#include "analysis/WindowAttentionAnalysis.h"
#include "common/Error.h"

#include <QtGlobal>

namespace filterscope {

const StageMaps* ProbeResult::stage(const std::string& name) const {
    for (const StageMaps& m : maps)
        if (m.stage == name)
            return &m;
    return nullptr;
}

const QueryStageMaps* ProbeResult::queryStage(const std::string& name) const {
    for (const QueryStageMaps& q : queries)
        if (q.stage == name)
            return &q;
    return nullptr;
}

std::vector<std::string> ProbeResult::attentionStages() const {
    std::vector<std::string> out;
    for (const StageMaps& m : maps)
        if (captures.find("attn." + m.stage) || captures.find("wattn." + m.stage) ||
            halfAttention.count("attn." + m.stage))
            out.push_back(m.stage);
    return out;
}

int ProbeResult::attentionHeads(const std::string& stage) const {
    if (const FloatArray* a = captures.find("attn." + stage))
        return static_cast<int>(a->shape[1]);
    if (const FloatArray* a = captures.find("wattn." + stage))
        return static_cast<int>(a->shape[1]);
    auto it = halfAttention.find("attn." + stage);
    return it == halfAttention.end() ? 0 : static_cast<int>(it->second.shape[1]);
}

FloatArray ProbeResult::attentionMap(const std::string& stage, const PluginManifest& manifest, int head,
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

size_t ProbeResult::bytes() const {
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

const char* mapKindName(MapKind kind) {
    switch (kind) {
        case MapKind::Norm:
            return "norm";
        case MapKind::Activation:
            return "activation";
        case MapKind::Frequency:
            return "freq";
        case MapKind::Spectrum:
            return "spectrum";
        case MapKind::Attention:
            return "attention";
        case MapKind::Query:
            return "query";
        case MapKind::Rollout:
            return "rollout";
        case MapKind::Relevance:
            return "relevance";
    }
    return "";
}

const char* mapKindLabel(MapKind kind) {
    switch (kind) {
        case MapKind::Norm:
            return QT_TRANSLATE_NOOP("MapKind", "Token norm");
        case MapKind::Activation:
            return QT_TRANSLATE_NOOP("MapKind", "Activation");
        case MapKind::Frequency:
            return QT_TRANSLATE_NOOP("MapKind", "Frequency");
        case MapKind::Spectrum:
            return QT_TRANSLATE_NOOP("MapKind", "Spatial spectrum");
        case MapKind::Attention:
            return QT_TRANSLATE_NOOP("MapKind", "Attention");
        case MapKind::Query:
            return QT_TRANSLATE_NOOP("MapKind", "Q-Former query");
        case MapKind::Rollout:
            return QT_TRANSLATE_NOOP("MapKind", "Attention rollout");
        case MapKind::Relevance:
            return QT_TRANSLATE_NOOP("MapKind", "Query relevance");
    }
    return "";
}

const char* mapKindFormula(MapKind kind) {
    switch (kind) {
        case MapKind::Norm:
            return QT_TRANSLATE_NOOP("MapKind", "‖xᵢ‖₂");
        case MapKind::Activation:
            return QT_TRANSLATE_NOOP("MapKind", "‖xᵢ − x̄‖₂");
        case MapKind::Frequency:
            return QT_TRANSLATE_NOOP("MapKind", "‖pᵢ − p̄‖₂ (rad)");
        case MapKind::Spectrum:
            return QT_TRANSLATE_NOOP("MapKind", "log₁₀ channel-mean power (DC at the floor)");
        case MapKind::Attention:
            return QT_TRANSLATE_NOOP("MapKind", "attention probability");
        case MapKind::Query:
            return QT_TRANSLATE_NOOP("MapKind", "cross-attention of the query");
        case MapKind::Rollout:
            return QT_TRANSLATE_NOOP("MapKind", "rollout attribution of CLS");
        case MapKind::Relevance:
            return QT_TRANSLATE_NOOP("MapKind", "relevance of the query");
    }
    return "";
}

const FloatArray* mapOf(const StageMaps& maps, MapKind kind) {
    switch (kind) {
        case MapKind::Norm:
            return maps.norms ? &maps.norms->grid : nullptr;
        case MapKind::Activation:
            return maps.activation ? &*maps.activation : nullptr;
        case MapKind::Frequency:
            return maps.frequency ? &*maps.frequency : nullptr;
        case MapKind::Spectrum:
            return maps.spectrum ? &maps.spectrum->centredPower : nullptr;
        case MapKind::Attention:
            return maps.attention ? &maps.attention->meanMap : nullptr;
        case MapKind::Query:
        case MapKind::Relevance:
            return nullptr;  // query maps live in ProbeResult::queries, relevance beside them
        case MapKind::Rollout:
            return nullptr;  // one per result, not per stage: ProbeResult::rollout
    }
    return nullptr;
}

}  // namespace filterscope

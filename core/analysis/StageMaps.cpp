#include "analysis/StageMaps.h"

#include "analysis/ActivationAnalysis.h"
#include "analysis/FrequencyAnalysis.h"
#include "analysis/WindowAttentionAnalysis.h"

namespace filterscope {

StageAttention computeStageAttention(const FloatArray& attn, const TokenLayout& layout,
                                     const std::string& key) {
    checkAttentionShape(attn, layout, key);
    StageAttention a;
    a.query = defaultAttentionQuery(layout);
    for (int h = 0; h < attentionHeads(attn); ++h)
        a.headMaps.push_back(attentionRowMap(attn, layout, h, a.query));
    a.meanMap = attentionRowMap(attn, layout, -1, a.query);
    a.meanMask = massThresholdMask(a.meanMap, 0.6);
    a.heads = computeHeadStatistics(attn, layout, a.query);
    return a;
}

StageAttention computeWindowStageAttention(const FloatArray& wattn, const TokenLayout& layout,
                                           const AttentionWindow& window, const std::string& key) {
    checkWindowAttentionShape(wattn, layout, window, key);
    StageAttention a;
    // Windows hold grid tokens only: the default query is the mean over all of them.
    a.query = kMeanOverQueries;
    for (int h = 0; h < wattn.shape[1]; ++h)
        a.headMaps.push_back(windowAttentionRowMap(wattn, layout, window, h, a.query));
    a.meanMap = windowAttentionRowMap(wattn, layout, window, -1, a.query);
    a.meanMask = massThresholdMask(a.meanMap, 0.6);
    a.heads = computeWindowHeadStatistics(wattn, layout, window, a.query);
    return a;
}

std::optional<RolloutMap> computeRolloutMap(const CaptureSet& captures, const TokenLayout& layout) {
    RolloutMap r;
    std::vector<const FloatArray*> attn;
    for (const Capture& c : captures.all()) {
        const CaptureKey k = CaptureKey::parse(c.key);
        // Grid self-attention only: a Q-Former's query self-attention ([1,H,M,M]) is not part of the rollout.
        if (k.kind != CaptureKind::Attention || c.value.shape.size() != 4 ||
            c.value.shape[2] != layout.tokenCount())
            continue;
        checkAttentionShape(c.value, layout, c.key);
        r.stages.push_back(k.stage);
        attn.push_back(&c.value);
    }
    if (attn.empty())
        return std::nullopt;
    const std::vector<double> row = attentionRolloutRow(attn, defaultAttentionQuery(layout));
    r.map = FloatArray(layout.grid);
    for (int64_t g = 0; g < layout.gridTokenCount(); ++g)
        r.map.data[g] = static_cast<float>(row[layout.prefix + g]);
    r.mask = massThresholdMask(r.map, 0.6);
    return r;
}

std::vector<StageMaps> computeStageMaps(const CaptureSet& captures, const TokenLayout& layout,
                                        const std::vector<std::string>& stages,
                                        const AnalysisSelection& selection) {
    PluginManifest single;
    single.tokens = layout;
    return computeStageMaps(captures, single, stages, selection);
}

std::vector<StageMaps> computeStageMaps(const CaptureSet& captures, const PluginManifest& manifest,
                                        const std::vector<std::string>& stages,
                                        const AnalysisSelection& selection) {
    std::vector<StageMaps> out;
    for (const std::string& stage : stages) {
        const TokenLayout layout = manifest.layoutOf(stage);
        const FloatArray* tokens = captures.find("tokens." + stage);
        const FloatArray* attn = captures.find("attn." + stage);
        const FloatArray* wattn = captures.find("wattn." + stage);
        if (!tokens && !attn && !wattn)
            captures.get("tokens." + stage);  // throws, naming the missing key
        StageMaps m;
        m.stage = stage;
        if (tokens && selection.norm)
            m.norms = computeTokenNorms(*tokens, layout);
        if (tokens && selection.activation)
            m.activation = computeActivationMap(*tokens, layout);
        if (tokens && selection.frequency)
            m.frequency = computeFrequencyMap(*tokens, layout);
        if (tokens && selection.spectrum && layout.grid.size() == 2)
            m.spectrum = computeSpatialSpectrum(*tokens, layout);
        if (tokens && selection.spectrum && layout.grid.size() == 3)
            m.sliceSpectra = computeSpatialSpectrumPerSlice(*tokens, layout);
        m.hasTokens = tokens != nullptr;
        if (selection.attention && attn)
            m.attention = computeStageAttention(*attn, layout, "attn." + stage);
        else if (selection.attention && wattn)
            m.attention =
                computeWindowStageAttention(*wattn, layout, manifest.windowOf(stage), "wattn." + stage);
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace filterscope

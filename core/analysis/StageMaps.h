#pragma once

#include "analysis/AnalysisSelection.h"
#include "analysis/AttentionAnalysis.h"
#include "analysis/SpatialSpectrumAnalysis.h"
#include "analysis/TokenNormAnalysis.h"
#include "capture/CaptureSet.h"
#include "contract/PluginManifest.h"
#include "contract/TokenLayout.h"

#include <optional>
#include <string>
#include <vector>

namespace filterscope {

// Attention of one stage seen from the default query (CLS, or the mean over query rows without one): per
// head, the mean, its 60% mass mask.
struct StageAttention {
    int query = 0;
    std::vector<FloatArray> headMaps;  // [h,w] each, raw probabilities
    FloatArray meanMap;                // mean over heads
    FloatArray meanMask;               // massThresholdMask(meanMap, 0.6)
    std::vector<HeadStatistics> heads;
};

// Every selected analysis of one stage's tokens. What the views show and the exporters write, so the
// model never runs again to redraw or re-export.
struct StageMaps {
    std::string stage;
    bool hasTokens = true;  // false for a stage with only attn.<stage>: attention maps, no token maps
    std::optional<TokenNorms> norms;
    std::optional<FloatArray> activation;
    std::optional<FloatArray> frequency;
    std::optional<SpatialSpectrum> spectrum;
    std::vector<SpatialSpectrum> sliceSpectra;  // video: one per token-time step (spectrum stays empty)
    std::optional<StageAttention> attention;    // when the stage has attn.<stage> and it was selected
};

// Rollout from the first to the last attention stage, seen from the default query, grid part [h,w].
struct RolloutMap {
    std::vector<std::string> stages;  // the attention stages it spans, first to last
    FloatArray map;
    FloatArray mask;  // massThresholdMask(map, 0.6)
};
// nullopt when the captures hold no attn.* key.
std::optional<RolloutMap> computeRolloutMap(const CaptureSet& captures, const TokenLayout& layout);

StageAttention computeStageAttention(const FloatArray& attn, const TokenLayout& layout,
                                     const std::string& key);

StageAttention computeWindowStageAttention(const FloatArray& wattn, const TokenLayout& layout,
                                           const AttentionWindow& window, const std::string& key);

// Computes `selection` for each stage in `stages` (each must have tokens.<stage>, attn.<stage> or
// wattn.<stage>), in that order, each on its own grid (manifest stages[].grid); a stage without tokens gets
// only its attention.
std::vector<StageMaps> computeStageMaps(const CaptureSet& captures, const PluginManifest& manifest,
                                        const std::vector<std::string>& stages,
                                        const AnalysisSelection& selection);
// The same for a plugin whose stages all share `layout`.
std::vector<StageMaps> computeStageMaps(const CaptureSet& captures, const TokenLayout& layout,
                                        const std::vector<std::string>& stages,
                                        const AnalysisSelection& selection);

}  // namespace filterscope

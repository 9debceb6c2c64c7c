#pragma once

#include "analysis/StageMaps.h"
#include "metrics/TokenMask.h"

#include <optional>
#include <string>
#include <vector>

namespace filterscope {

// One number of the dataset probe: a metric of one map of one stage for one input.
struct ScoreRow {
    std::string stage;
    std::string map;     // norm, activation, freq, attention, rollout; tokens, fourier (layer analyses)
    std::string metric;  // miou_best, best_t, iou_fixed, jaccard60, pointing, auroc, mass_fg, rank_acc,
                         // fg_bg_ratio, gini, entropy, top10_mass
    double value = 0;    // NaN: undefined for this input (written empty, never 0)
};

// The maps the dataset probe scores (norm, activation, freq, attention, rollout), and the layer analyses
// it can add as rows (tokenstats, fourier, faithfulness, cka): what --maps and the Probe dock offer.
const std::vector<std::string>& probeMapNames();
const std::vector<std::string>& probeLayerAnalysisNames();

struct ScoreRequest {
    // Maps to score; also "tokenstats", "fourier", "faithfulness", "cka" (layer analyses:
    // probe/LayerScoreRows).
    std::vector<std::string> maps = probeMapNames();
    double fixedThreshold = 0.5;
};

// Every requested map of every stage scored: the label-free metrics always, the mask metrics when one of
// `masks` has the map's grid (hierarchical models: one mask per stage grid). The attention map is the
// stage's default row (CLS, or the mean over query rows without one), mean over heads; rollout is scored at
// the last attention stage it spans.
std::vector<ScoreRow> scoreMaps(const std::vector<StageMaps>& maps, const std::optional<RolloutMap>& rollout,
                                const std::vector<TokenMask>& masks, const ScoreRequest& request);

// The map a probe map name stands for in one stage ("norm", "activation", "freq", "attention": the CLS row,
// mean over heads); null when the stage lacks it. Rollout is per result, not per stage.
const FloatArray* scoredMap(const StageMaps& maps, const std::string& name);

// The metric names in the order rows carry them.
const std::vector<std::string>& maskMetricNames();
const std::vector<std::string>& labelFreeMetricNames();

}  // namespace filterscope

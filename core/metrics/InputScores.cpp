#include "metrics/InputScores.h"

#include "metrics/ConcentrationScores.h"
#include "metrics/MaskScores.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace filterscope {
namespace {

void score(const std::string& stage, const std::string& name, const FloatArray& map, const TokenMask* mask,
           const ScoreRequest& request, std::vector<ScoreRow>& out) {
    auto add = [&](const char* metric, double v) { out.push_back({stage, name, metric, v}); };
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    const bool scored = mask && map.data.size() == mask->tokens.size();
    const ThresholdIou best = scored ? bestThresholdIou(map, mask->tokens) : ThresholdIou{kNaN, kNaN};
    add("miou_best", best.iou);
    add("best_t", best.t);
    add("iou_fixed", scored ? thresholdIou(map, mask->tokens, request.fixedThreshold) : kNaN);
    add("jaccard60", scored ? massJaccard(map, mask->tokens, 0.6) : kNaN);
    add("pointing", scored ? pointingHit(map, mask->tokens) : kNaN);
    add("auroc", scored ? auroc(map, mask->tokens) : kNaN);
    add("mass_fg", scored ? foregroundMass(map, mask->tokens) : kNaN);
    add("rank_acc", scored ? rankAccuracy(map, mask->tokens) : kNaN);
    add("fg_bg_ratio", scored ? foregroundBackgroundRatio(map, mask->tokens) : kNaN);
    add("gini", gini(map));
    add("entropy", normalisedEntropy(map));
    add("top10_mass", topDecileMass(map));
}

}  // namespace

const FloatArray* scoredMap(const StageMaps& m, const std::string& name) {
    if (name == "norm")
        return m.norms ? &m.norms->grid : nullptr;
    if (name == "activation")
        return m.activation ? &*m.activation : nullptr;
    if (name == "freq")
        return m.frequency ? &*m.frequency : nullptr;
    if (name == "attention")
        return m.attention ? &m.attention->meanMap : nullptr;
    return nullptr;
}

const std::vector<std::string>& probeMapNames() {
    static const std::vector<std::string> names = {"norm", "activation", "freq", "attention", "rollout"};
    return names;
}

const std::vector<std::string>& probeLayerAnalysisNames() {
    static const std::vector<std::string> names = {"tokenstats", "fourier", "faithfulness", "cka"};
    return names;
}

const std::vector<std::string>& maskMetricNames() {
    static const std::vector<std::string> names = {"miou_best", "best_t",   "iou_fixed",
                                                   "jaccard60", "pointing", "auroc",
                                                   "mass_fg",   "rank_acc", "fg_bg_ratio"};
    return names;
}

const std::vector<std::string>& labelFreeMetricNames() {
    static const std::vector<std::string> names = {"gini", "entropy", "top10_mass"};
    return names;
}

std::vector<ScoreRow> scoreMaps(const std::vector<StageMaps>& maps, const std::optional<RolloutMap>& rollout,
                                const std::vector<TokenMask>& masks, const ScoreRequest& request) {
    std::vector<ScoreRow> out;
    auto maskFor = [&](const FloatArray& map) -> const TokenMask* {
        for (const TokenMask& m : masks)
            if (m.grid == map.shape)
                return &m;
        return nullptr;
    };
    auto wanted = [&](const std::string& name) {
        return std::find(request.maps.begin(), request.maps.end(), name) != request.maps.end();
    };
    for (const StageMaps& m : maps) {
        for (const std::string& name : request.maps)
            if (const FloatArray* map = scoredMap(m, name))
                score(m.stage, name, *map, maskFor(*map), request, out);
        if (wanted("rollout") && rollout && !rollout->stages.empty() && rollout->stages.back() == m.stage)
            score(m.stage, "rollout", rollout->map, maskFor(rollout->map), request, out);
    }
    return out;
}

}  // namespace filterscope

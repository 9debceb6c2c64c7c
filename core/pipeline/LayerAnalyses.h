#pragma once

#include "analysis/Faithfulness.h"
#include "analysis/LayerSimilarity.h"
#include "analysis/StageMaps.h"
#include "analysis/TokenStatistics.h"
#include "capture/CaptureSet.h"
#include "plugin/ModelPlugin.h"

#include <optional>
#include <string>
#include <vector>

namespace filterscope {

// The analyses that look across tokens and stages rather than at one map: token statistics (outliers,
// massive activations, sinks), layer similarity (CKA), the Fourier depth curve, and insertion/deletion
// faithfulness. Part of the one pipeline (InputPipeline), so the CLI and the window get the same numbers.
struct StageTokenStatistics {
    std::string stage;
    TokenStatistics stats;
};
struct StageFourierCurve {
    std::string stage;
    FloatArray dlogamp;  // [h − h//2]
};

struct LayerAnalyses {
    std::vector<StageTokenStatistics> tokenStats;
    std::optional<CkaMatrix> cka;
    // The centred Grams behind `cka`, in its stage order, kept (float) when N ≤ kKeptGramTokens so compare
    // mode can relate two models' stages (crossCka) without their tokens.
    std::vector<std::vector<float>> grams;
    static constexpr int64_t kKeptGramTokens = 1024;
    std::vector<StageFourierCurve> fourier;
    std::vector<FaithfulnessCurves> faithfulness;
    std::vector<std::string> notes;  // stages skipped, and why
};

struct LayerAnalysesRequest {
    bool tokenstats = false, cka = false, fourier = false, faithfulness = false;
    double outlierFactor = 5.0;
    // CKA costs N²·C per stage and N² doubles per Gram: the window skips it above this many tokens (said in
    // a note; the CLI asks for it without a limit, 0).
    int64_t ckaMaxTokens = 0;
    int targetClass = -1;  // faithfulness: the class whose probability the curves follow; −1: the top-1
};

// `maps`: the stage maps already computed (faithfulness ranks their cells); `input` the preprocessed
// input [1,C,H,W] the captures came from. Throws Error naming the input for a model that cannot answer
// (faithfulness without logits).
LayerAnalyses computeLayerAnalyses(const ModelPlugin& plugin, const CaptureSet& captures,
                                   const std::vector<StageMaps>& maps, const FloatArray& input,
                                   const std::string& inputName, const LayerAnalysesRequest& request);

// Insertion and deletion curves of one [h,w] map over the preprocessed `input`, for class `cls`.
FaithfulnessCurves computeFaithfulness(const ModelPlugin& plugin, const FloatArray& input,
                                       const FloatArray& map, int cls, const std::string& inputName);
// The class the model predicts: argmax of its [1,K] "logits"; −1 without them.
int predictedClass(const CaptureSet& captures);

// The maps of a stage faithfulness ranks, by their CLI names: norm, activation, freq, attention.
std::vector<std::pair<std::string, const FloatArray*>> faithfulnessMaps(const StageMaps& m);

}  // namespace filterscope

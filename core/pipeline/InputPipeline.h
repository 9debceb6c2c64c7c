#pragma once

#include "analysis/AnalysisSelection.h"
#include "analysis/GradientRelevance.h"
#include "analysis/QueryStageMaps.h"
#include "analysis/StageMaps.h"
#include "capture/CaptureSet.h"
#include "common/ProgressSink.h"
#include "inference/RelevanceTarget.h"
#include "input/InputPreparation.h"
#include "pipeline/LayerAnalyses.h"
#include "plugin/ModelPlugin.h"

#include <optional>
#include <string>
#include <vector>

namespace filterscope {

// The one pipeline every front end runs — the window, `filterscope-cli run`, and the dataset probe: prepare
// an input → one forward pass of a plugin (or variant) → the selected analyses → an InputAnalysis. A
// number the window shows is the number the CLI writes because both come from here.

// What to compute. The window asks for everything; the CLI for --analyses, --stages, --relevance-target.
struct PipelineRequest {
    AnalysisSelection analyses = AnalysisSelection::all();
    std::vector<std::string> stages;  // grid and/or cross-attention stages; empty: all of them
    RelevanceTarget relevanceTarget;
    // The input's true class when known (probe --labels), −1 otherwise: the class a default relevance
    // target and the faithfulness curves explain, in place of the model's top-1.
    int labelClass = -1;
    // Longest wait for one forward pass, in seconds (0: no limit). An overrun throws ForwardTimeoutError
    // and leaves the pass running (pipeline/ForwardDeadline); the caller goes on with a reloaded plugin.
    double forwardTimeoutSeconds = 0;
    double outlierFactor = 5.0;  // token statistics: outlier if ‖x_i‖ > median + factor · 1.4826 · MAD
    int64_t ckaMaxTokens = 0;    // 0: CKA at any token count (LayerAnalysesRequest)
};

// The stages a request resolves to for one plugin, in model order.
struct PipelineStages {
    std::vector<std::string> grid;   // token and attention maps
    std::vector<std::string> cross;  // Q-Former query analyses (and where relevance is filed)
};
// Throws Error naming the plugin's stages when a requested stage does not exist (before any work).
PipelineStages resolveStages(const ModelPlugin& plugin, const PipelineRequest& request);

struct PipelineTimings {
    double loadMs = 0, forwardMs = 0, analysisMs = 0;
};

// One input through one plugin: everything the exporters write and the views show.
struct InputAnalysis {
    PreparedInput prepared;
    CaptureSet captures;
    std::vector<StageMaps> maps;              // per grid stage
    std::optional<RolloutMap> rollout;        // from the first to the last attention stage
    std::vector<QueryStageMaps> queries;      // per cross-attention stage
    std::optional<QueryRelevance> relevance;  // filed with the last cross-attention stage
    std::string relevanceMethod;     // "gradient-weighted (top logit 3 = 1.25)" or "raw attention (why)"
    LayerAnalyses layers;            // token statistics, CKA, Fourier curves, faithfulness
    std::vector<std::string> notes;  // what the user should know (fallbacks taken), one line each
    PipelineTimings timings;
};

// Runs the pipeline. `steps` (may be null) receives one report per phase and stage and is polled for
// cancellation between them (CancelledError); a forward pass itself cannot be interrupted. Throws Error
// naming the input and the problem.
InputAnalysis analyseInput(const ModelPlugin& plugin, const std::string& path, const PipelineStages& stages,
                           const PipelineRequest& request, ProgressSink* steps = nullptr);

}  // namespace filterscope

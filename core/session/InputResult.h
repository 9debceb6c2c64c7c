#pragma once

#include "analysis/GradientRelevance.h"
#include "analysis/MapKind.h"
#include "analysis/QueryStageMaps.h"
#include "analysis/StageMaps.h"
#include "array/HalfArray.h"
#include "capture/CaptureSet.h"
#include "input/RgbImage.h"
#include "pipeline/LayerAnalyses.h"
#include "pointcloud/PointCloud.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace filterscope {

// Everything the views show for one (plugin, input): computed once, then only looked at. Switching stage,
// analysis, colormap or scale reads from here and never runs the model again.
struct InputResult {
    std::string pluginId;
    std::string inputPath;
    RgbImage modelInput;            // what the model saw, before normalisation (video: the first frame)
    std::vector<RgbImage> frames;   // video: every sampled frame as the model saw it
    std::vector<int> frameIndices;  // video: their indices in the file
    PointCloud cloud;               // point clouds: the points the model saw (sampled, normalised)
    // Only what the views still need once the maps are computed: attn.* captures (token-to-token and
    // head views derive maps from them) and logits. In float32 here, or in float16 below.
    CaptureSet captures;
    std::map<std::string, HalfArray> halfAttention;  // attn.<stage> → [1,H,N,N] float16
    std::vector<StageMaps> maps;                     // every token stage in model order, every analysis
    std::vector<QueryStageMaps> queries;             // every cross-attention (Q-Former) stage
    std::optional<RolloutMap> rollout;               // first to last attention stage
    std::optional<QueryRelevance> relevance;         // [M,h,w], filed with the last cross-attention stage
    std::string relevanceStage;                      // the cross-attention stage relevance is filed with
    std::string relevanceMethod;                     // as in query_relevance.txt: target or fallback
    LayerAnalyses layers;                            // token statistics, CKA, Fourier curves
    std::vector<std::string> notes;                  // fallbacks taken for this input
    double forwardMs = 0;
    double analysisMs = 0;

    const StageMaps* stage(const std::string& name) const;
    const QueryStageMaps* queryStage(const std::string& name) const;

    // Attention stages in model order, and maps derived from them whichever precision they are kept in.
    std::vector<std::string> attentionStages() const;
    int attentionHeads(const std::string& stage) const;  // 0 when the stage has no attention
    // `token` is absolute in the stage's layout (prefix first) or kMeanOverQueries; windowed stages
    // (wattn.<stage>) give the map over the whole grid, 0 outside the token's window.
    FloatArray attentionMap(const std::string& stage, const PluginManifest& manifest, int head, int token,
                            bool column) const;
    size_t bytes() const;  // memory held by captures, maps and the image
};

}  // namespace filterscope

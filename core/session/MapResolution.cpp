#include "session/MapResolution.h"

#include "analysis/MapStatistics.h"
#include "analysis/SpatialSpectrumAnalysis.h"
#include "analysis/VideoAnalysis.h"

#include <cmath>

namespace filterscope {
namespace {

// Map m of an [M,...] stack as its own array.
std::shared_ptr<const FloatArray> row(const FloatArray& stack, int m) {
    if (stack.dim() < 2 || m < 0 || m >= stack.shape[0])
        return nullptr;
    const std::vector<int64_t> shape(stack.shape.begin() + 1, stack.shape.end());
    const auto cells = static_cast<std::ptrdiff_t>(elementCountOf(shape));
    const auto first = stack.data.begin() + m * cells;
    return std::make_shared<const FloatArray>(shape, std::vector<float>(first, first + cells));
}

}  // namespace

std::string homeStageOf(const InputResult& r, MapKind kind) {
    if (kind == MapKind::Rollout && r.rollout && !r.rollout->stages.empty())
        return r.rollout->stages.back();
    if (kind == MapKind::Relevance && r.relevance)
        return r.relevanceStage;
    return {};
}

std::shared_ptr<const FloatArray> resolveClipMap(const std::shared_ptr<const InputResult>& r,
                                                 const PluginManifest& manifest, const MapRequest& q) {
    if (!r)
        return nullptr;
    switch (q.analysis) {
        case MapKind::Query: {
            const QueryStageMaps* s = r->queryStage(q.stage);
            return s ? row(s->maps, q.query) : nullptr;
        }
        case MapKind::Relevance:
            return q.stage == homeStageOf(*r, q.analysis) ? row(r->relevance->maps, q.query) : nullptr;
        case MapKind::Rollout:
            return q.stage == homeStageOf(*r, q.analysis)
                       ? std::shared_ptr<const FloatArray>(r,
                                                           &r->rollout->map)  // shares the result's lifetime
                       : nullptr;
        case MapKind::Attention: {
            const int heads = r->attentionHeads(q.stage);
            if (heads == 0)
                return nullptr;
            return std::make_shared<const FloatArray>(r->attentionMap(
                q.stage, manifest, q.head < heads ? q.head : -1, q.attentionToken, q.attendedBy));
        }
        case MapKind::Spectrum: {  // shown on a log scale: two bins would otherwise take the whole colour
                                   // range
            const StageMaps* m = r->stage(q.stage);
            const FloatArray* map = m ? mapOf(*m, q.analysis) : nullptr;
            return map ? std::make_shared<const FloatArray>(log10Power(*map)) : nullptr;
        }
        default: {
            const StageMaps* m = r->stage(q.stage);
            const FloatArray* map = m ? mapOf(*m, q.analysis) : nullptr;
            return map ? std::shared_ptr<const FloatArray>(r, map) : nullptr;
        }
    }
}

std::shared_ptr<const FloatArray> resolveMap(const std::shared_ptr<const InputResult>& r,
                                             const PluginManifest& manifest, const MapRequest& q) {
    std::shared_ptr<const FloatArray> clip = resolveClipMap(r, manifest, q);
    if (!clip || clip->dim() != 3)
        return clip;
    return std::make_shared<const FloatArray>(frameSlice(*clip, q.frame, manifest.video));
}

std::pair<double, double> resolveColourRange(const std::shared_ptr<const InputResult>& r,
                                             const PluginManifest& manifest, const MapRequest& q,
                                             bool shared) {
    if (!r)
        return {0.0, 1.0};
    if (!shared) {
        const auto map = resolveClipMap(r, manifest, q);
        return map ? finiteRange(*map) : std::pair<double, double>{0.0, 1.0};
    }
    std::vector<std::string> stages;
    for (const StageMaps& m : r->maps)
        stages.push_back(m.stage);
    for (const QueryStageMaps& s : r->queries)
        stages.push_back(s.stage);
    double lo = INFINITY, hi = -INFINITY;
    MapRequest each = q;
    for (const std::string& s : stages) {
        each.stage = s;
        if (const auto map = resolveClipMap(r, manifest, each)) {
            const auto [a, b] = finiteRange(*map);
            lo = std::min(lo, a);
            hi = std::max(hi, b);
        }
    }
    return lo <= hi ? std::pair<double, double>{lo, hi} : std::pair<double, double>{0.0, 1.0};
}

}  // namespace filterscope

#include "plugin/MapAvailability.h"

#include <algorithm>
#include <cmath>

namespace filterscope {
namespace {

bool has(const std::vector<std::string>& keys, const std::string& key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

std::vector<std::string> stagesWithMap(const ModelPlugin& plugin, MapKind kind) {
    const std::vector<std::string> keys = plugin.captureKeys();
    std::vector<std::string> out;
    switch (kind) {
        case MapKind::Norm:
        case MapKind::Activation:
        case MapKind::Frequency:
        case MapKind::Spectrum:
            for (const std::string& s : plugin.gridStages())
                if (has(keys, "tokens." + s))
                    out.push_back(s);
            break;
        case MapKind::Attention:
        case MapKind::Rollout:
            for (const std::string& s : plugin.gridStages())
                if (has(keys, "attn." + s) || has(keys, "wattn." + s))
                    out.push_back(s);
            if (kind == MapKind::Rollout && !out.empty())
                out = {out.back()};
            break;
        case MapKind::Query:
        case MapKind::Relevance:
            out = plugin.crossAttentionStages();
            if (kind == MapKind::Relevance && !out.empty())
                out = {out.back()};
            break;
    }
    return out;
}

bool offersMap(const ModelPlugin& plugin, MapKind kind) {
    return !stagesWithMap(plugin, kind).empty();
}

std::vector<MapKind> offeredMaps(const ModelPlugin& plugin) {
    std::vector<MapKind> out;
    for (int k = 0; k <= static_cast<int>(MapKind::Relevance); ++k)
        if (offersMap(plugin, static_cast<MapKind>(k)))
            out.push_back(static_cast<MapKind>(k));
    return out;
}

double stageDepth(const ModelPlugin& plugin, const std::string& stage) {
    const std::vector<std::string>& all = plugin.stages();
    const auto it = std::find(all.begin(), all.end(), stage);
    if (it == all.end())
        return -1;
    return all.size() > 1 ? double(it - all.begin()) / double(all.size() - 1) : 0.0;
}

std::string nearestStageWithMap(const ModelPlugin& plugin, MapKind kind, double depth) {
    std::string best;
    double bestDistance = INFINITY;
    for (const std::string& s : stagesWithMap(plugin, kind)) {  // model order: `<=` keeps the later
        const double d = std::abs(stageDepth(plugin, s) - depth);
        if (d <= bestDistance + 1e-12) {
            best = s;
            bestDistance = d;
        }
    }
    return best;
}

std::string stageWithMapNear(const ModelPlugin& plugin, MapKind kind, const std::string& stage,
                             double depth) {
    const std::vector<std::string> with = stagesWithMap(plugin, kind);
    if (has(with, stage))
        return stage;
    return nearestStageWithMap(plugin, kind, depth < 0 ? 1.0 : depth);
}

}  // namespace filterscope

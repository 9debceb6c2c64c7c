#pragma once

#include "analysis/MapKind.h"
#include "plugin/ModelPlugin.h"

#include <string>
#include <vector>

namespace filterscope {

// Which stages of a plugin have a kind of map, in model order, known from the captures it returned on
// its probe input (so before any input ran): the token maps (norm, activation, frequency, spectrum) where
// tokens.<stage> lies on the grid, attention where attn.* or wattn.* is, rollout at the last attention
// stage (where it is filed), query maps at the cross-attention stages, relevance at the last of those.
std::vector<std::string> stagesWithMap(const ModelPlugin& plugin, MapKind kind);
bool offersMap(const ModelPlugin& plugin, MapKind kind);
// Every kind the plugin has at some stage, in MapKind's order.
std::vector<MapKind> offeredMaps(const ModelPlugin& plugin);
// Where `stage` lies among the plugin's stages in model order: 0 the first, 1 the last; −1 without it.
double stageDepth(const ModelPlugin& plugin, const std::string& stage);
// The stage with `kind` nearest to `depth` (0..1, as stageDepth) — the later one of two as near; "" when
// no stage has the map. How a stage the plugin lacks, or one without the map, finds its stand-in.
std::string nearestStageWithMap(const ModelPlugin& plugin, MapKind kind, double depth);
// `stage` when it has `kind`, else the stage with it nearest to `depth` (< 0, unknown: the deepest).
std::string stageWithMapNear(const ModelPlugin& plugin, MapKind kind, const std::string& stage, double depth);

}  // namespace filterscope

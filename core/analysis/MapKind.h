#pragma once

#include "analysis/StageMaps.h"

#include <string>

namespace filterscope {

// The kinds of map the views show and the figures draw, named once for every front end.
enum class MapKind { Norm, Activation, Frequency, Spectrum, Attention, Query, Rollout, Relevance };

const char* mapKindName(MapKind kind);  // "norm", "activation", "freq", "spectrum"
// The kind a name stands for (mapKindName's names); false when there is none.
bool mapKindNamed(const std::string& name, MapKind& kind);
// English, as figures and the CLI write them; the window shows them translated in the "MapKind" context
// (viz/views/MapKindText.h).
const char* mapKindLabel(MapKind kind);    // "Token norm", …
const char* mapKindFormula(MapKind kind);  // "||x_i||_2", …
// The map of `kind` in `maps`, or nullptr (spectrum: the centred power).
const FloatArray* mapOf(const StageMaps& maps, MapKind kind);

}  // namespace filterscope

#pragma once

#include "analysis/StageMaps.h"
#include "capture/CaptureSet.h"
#include "input/RgbImage.h"

#include <string>
#include <vector>

namespace filterscope {

// Everything the views show for one (plugin, input): computed once, then only looked at. Switching stage,
// analysis, colormap or scale reads from here and never runs the model again.
struct ProbeResult {
    std::string pluginId;
    std::string inputPath;
    RgbImage modelInput;  // what the model saw, before normalisation
    CaptureSet captures;
    std::vector<StageMaps> maps;  // every token stage in model order, every analysis
    double forwardMs = 0;
    double analysisMs = 0;

    const StageMaps* stage(const std::string& name) const;
};

enum class MapKind { Norm, Activation, Frequency, Spectrum, Attention };

const char* mapKindName(MapKind kind);     // "norm", "activation", "freq", "spectrum"
const char* mapKindLabel(MapKind kind);    // "Token norm", …
const char* mapKindFormula(MapKind kind);  // "||x_i||_2", …
// The map of `kind` in `maps`, or nullptr (spectrum: the centred power).
const FloatArray* mapOf(const StageMaps& maps, MapKind kind);

}  // namespace filterscope

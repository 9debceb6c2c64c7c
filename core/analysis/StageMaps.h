#pragma once

#include "analysis/AnalysisSelection.h"
#include "analysis/SpatialSpectrumAnalysis.h"
#include "analysis/TokenNormAnalysis.h"
#include "capture/CaptureSet.h"
#include "plugin/TokenLayout.h"

#include <optional>
#include <string>
#include <vector>

namespace filterscope {

// Every selected analysis of one stage's tokens. What the views show and the exporters write, so the
// model never runs again to redraw or re-export.
struct StageMaps {
    std::string stage;
    std::optional<TokenNorms> norms;
    std::optional<FloatArray> activation;
    std::optional<FloatArray> frequency;
    std::optional<SpatialSpectrum> spectrum;
};

// Computes `selection` for each stage in `stages` (each must have tokens.<stage>), in that order.
std::vector<StageMaps> computeStageMaps(const CaptureSet& captures, const TokenLayout& layout,
                                        const std::vector<std::string>& stages,
                                        const AnalysisSelection& selection);

}  // namespace filterscope

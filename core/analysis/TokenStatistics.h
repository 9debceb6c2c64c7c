#pragma once

#include "array/FloatArray.h"

#include <cstdint>
#include <vector>

namespace filterscope {

// Where a stage's tokens are "hijacked": high-norm outlier tokens (Darcet et al. 2023, "Vision Transformers
// Need Registers"), massive activations in a few channels (Sun et al. 2024, "Massive Activations in Large
// Language Models"), and attention-sink tokens by their sink dimensions (Kang et al., ICLR 2025, "See What
// You Are Told: Visual Attention Sink in Large Multimodal Models"). Over all N tokens, prefix included.
struct MassiveActivation {
    float value = 0;  // |x[token, channel]|
    int64_t token = -1, channel = -1;
};

struct TokenStatistics {
    std::vector<float> norms;  // ‖x_i‖₂, i = 0..N−1
    double medianNorm = 0, madNorm = 0, maxNorm = 0;
    double outlierFactor = 5, outlierThreshold = 0;  // median + factor · 1.4826 · MAD
    std::vector<int64_t> outliers;                   // ‖x_i‖ > threshold, ascending

    std::vector<MassiveActivation> top;  // the 3 largest |x[i,c]| (ties: earlier in C order first)
    double medianAbs = 0;                // median of |x[i,c]| over all tokens and channels
    double massiveRatio = 0;             // top[0].value / medianAbs (0 when the median is 0)

    std::vector<int64_t>
        sinkDims;  // D: declared in plugin.json, or the 2 channels with the largest max_i |x_i[c]|/RMS(x_i)
    bool sinkDimsDeclared = false;
    double sinkThreshold = 20;
    std::vector<float> phi;      // φ_i = max_{d∈D} |x_i[d]| / RMS(x_i); 0 for an all-zero token
    std::vector<int64_t> sinks;  // φ_i ≥ threshold, ascending
};

// `tokens`: [1,N,C] (or [N,C]). `sinkDims`: empty to find them. Throws Error for another shape or a declared
// dimension outside 0..C−1.
TokenStatistics computeTokenStatistics(const FloatArray& tokens, const std::vector<int64_t>& sinkDims = {},
                                       double outlierFactor = 5.0, double sinkThreshold = 20.0);

// numpy.median of `values` (the mean of the two middle values for an even count). Reorders a copy.
double medianOf(std::vector<double> values);

}  // namespace filterscope

#pragma once

#include "array/FloatArray.h"
#include "contract/TokenLayout.h"

#include <vector>

namespace filterscope {

// Relative magnitude below which a DFT bin counts as zero and gets phase 0 (see channelPhases).
constexpr double kPhaseZeroThreshold = 1e-5;

// Phase spectrum of one token over the channel axis: p_k = arg(X_k), X = DFT(x) of length C, unscaled,
// forward sign (e^{-2πi kn/C}, as FFTW and torch.fft.fft). Rules that make phase well defined:
//  - a bin with |X_k| ≤ 1e-5 · max_k |X_k| has phase 0 (its phase is rounding noise);
//  - bins 0 and C/2 are real for real input: phase 0 if Re ≥ 0, else π;
//  - every phase lies in (−π, π]: an atan2 result of −π is reported as π.
// Computed in double precision. Writes C values to `phases`.
void channelPhases(const float* x, int channels, double* phases);

// The frequency map of Pang et al. 2023: freq_i = ||p_i − p̄||₂, p̄ = mean of p_i over grid tokens.
FloatArray computeFrequencyMap(const FloatArray& tokens, const TokenLayout& layout);

}  // namespace filterscope

#pragma once

#include "array/FloatArray.h"
#include "contract/TokenLayout.h"

namespace filterscope {

// The Fourier "Δ log amplitude" of a stage's grid tokens, as in Park & Kim 2022 ("How Do Vision Transformers
// Work?", their fourier_analysis notebook): tokens as C×h×w, F = log(|FFT2| + 1e-6) per channel, rolled by
// (h//2, w//2), averaged over channels (and over the frames of a video cube), the diagonal from index h//2
// on, minus its first value. Element k is the frequency k·2π/h along both axes, from 0 towards π; the
// last element is the "high frequency" value plotted against depth. Throws Error for a grid that is not
// square (the diagonal runs through both axes at once) or not a token grid.
FloatArray computeFourierDepthCurve(const FloatArray& tokens, const TokenLayout& layout);

}  // namespace filterscope

#pragma once

#include "array/FloatArray.h"
#include "contract/TokenLayout.h"

namespace filterscope {

// The magnitude map of Pang et al. 2023 (App. A.5): act_i = ||x_i − x̄||₂, where x̄ is the mean feature
// over all grid tokens of the input (a whole clip for video). Prefix tokens take no part.
FloatArray computeActivationMap(const FloatArray& tokens, const TokenLayout& layout);

}  // namespace filterscope

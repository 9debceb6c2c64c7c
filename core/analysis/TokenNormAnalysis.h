#pragma once

#include "array/FloatArray.h"
#include "contract/TokenLayout.h"

#include <vector>

namespace filterscope {

struct TokenNorms {
    FloatArray grid;            // norm_i = ||x_i||₂ for every grid token, shaped like the layout's grid
    std::vector<float> prefix;  // the same for each prefix token (CLS, …), kept apart from the grid's scale
};

TokenNorms computeTokenNorms(const FloatArray& tokens, const TokenLayout& layout);

}  // namespace filterscope

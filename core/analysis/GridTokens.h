#pragma once

#include "array/FloatArray.h"
#include "contract/TokenLayout.h"

#include <vector>

namespace filterscope {

// A non-owning view of the grid part of a [1,N,C] token capture: `count` rows of `channels` floats,
// row i being grid token i in C order of `gridShape`. Prefix tokens are skipped.
struct GridTokens {
    const float* data = nullptr;
    int64_t count = 0;
    int64_t channels = 0;
    std::vector<int64_t> gridShape;

    const float* row(int64_t i) const { return data + i * channels; }
};

// Throws Error (naming `key`) when the capture does not fit the layout.
GridTokens gridTokensOf(const FloatArray& tokens, const TokenLayout& layout,
                        const std::string& key = "tokens");

}  // namespace filterscope

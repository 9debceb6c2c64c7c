#include "analysis/TokenNormAnalysis.h"

#include "analysis/GridTokens.h"

#include <cmath>

namespace filterscope {
namespace {

float l2(const float* x, int64_t n) {
    double s = 0.0;
    for (int64_t c = 0; c < n; ++c)
        s += static_cast<double>(x[c]) * x[c];
    return static_cast<float>(std::sqrt(s));
}

}  // namespace

TokenNorms computeTokenNorms(const FloatArray& tokens, const TokenLayout& layout) {
    const GridTokens g = gridTokensOf(tokens, layout);
    TokenNorms out;
    out.grid = FloatArray(g.gridShape);
    for (int64_t i = 0; i < g.count; ++i)
        out.grid.data[i] = l2(g.row(i), g.channels);
    for (int p = 0; p < layout.prefix; ++p)
        out.prefix.push_back(l2(tokens.data.data() + p * g.channels, g.channels));
    return out;
}

}  // namespace filterscope

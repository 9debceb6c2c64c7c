#include "analysis/ActivationAnalysis.h"

#include "analysis/GridTokens.h"

#include <cmath>
#include <vector>

namespace filterscope {

FloatArray computeActivationMap(const FloatArray& tokens, const TokenLayout& layout) {
    const GridTokens g = gridTokensOf(tokens, layout);
    std::vector<double> mean(static_cast<size_t>(g.channels), 0.0);
    for (int64_t i = 0; i < g.count; ++i)
        for (int64_t c = 0; c < g.channels; ++c)
            mean[c] += g.row(i)[c];
    for (double& m : mean)
        m /= static_cast<double>(g.count);

    FloatArray out(g.gridShape);
    for (int64_t i = 0; i < g.count; ++i) {
        double s = 0.0;
        for (int64_t c = 0; c < g.channels; ++c) {
            const double d = g.row(i)[c] - mean[c];
            s += d * d;
        }
        out.data[i] = static_cast<float>(std::sqrt(s));
    }
    return out;
}

}  // namespace filterscope

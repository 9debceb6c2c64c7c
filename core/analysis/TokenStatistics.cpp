#include "analysis/TokenStatistics.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace filterscope {

double medianOf(std::vector<double> values) {
    if (values.empty())
        return 0;
    const size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
    const double upper = values[mid];
    if (values.size() % 2 == 1)
        return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
    return (lower + upper) / 2;
}

TokenStatistics computeTokenStatistics(const FloatArray& tokens, const std::vector<int64_t>& sinkDims,
                                       double outlierFactor, double sinkThreshold) {
    const bool batched = tokens.dim() == 3 && tokens.shape[0] == 1;
    if (!(batched || tokens.dim() == 2))
        throw Error("token statistics need tokens [1,N,C], got " + tokens.shapeString());
    const int64_t n = tokens.shape[tokens.dim() - 2], c = tokens.shape[tokens.dim() - 1];
    if (n < 1 || c < 1)
        throw Error("token statistics need at least one token and one channel, got " + tokens.shapeString());
    for (int64_t d : sinkDims)
        if (d < 0 || d >= c)
            throw Error("sink dimension " + std::to_string(d) + " is outside the " + std::to_string(c) +
                        " channels of the tokens");
    const float* x = tokens.data.data();
    TokenStatistics s;
    s.outlierFactor = outlierFactor;
    s.sinkThreshold = sinkThreshold;

    // Norms and RMS in double: a massive activation of 1e4 next to values of 1e-2 loses nothing.
    std::vector<double> norms(static_cast<size_t>(n)), rms(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        double sum = 0;
        for (int64_t k = 0; k < c; ++k)
            sum += double(x[i * c + k]) * x[i * c + k];
        norms[i] = std::sqrt(sum);
        rms[i] = std::sqrt(sum / double(c));
    }
    s.norms.assign(norms.begin(), norms.end());
    s.medianNorm = medianOf(norms);
    std::vector<double> deviation(norms.size());
    for (size_t i = 0; i < norms.size(); ++i)
        deviation[i] = std::abs(norms[i] - s.medianNorm);
    s.madNorm = medianOf(deviation);
    s.maxNorm = *std::max_element(norms.begin(), norms.end());
    s.outlierThreshold = s.medianNorm + outlierFactor * 1.4826 * s.madNorm;
    for (int64_t i = 0; i < n; ++i)
        if (norms[i] > s.outlierThreshold)
            s.outliers.push_back(i);

    // The three largest |x|: a partial sort of flat indices, ties broken by position (numpy's stable sort).
    const int64_t total = n * c;
    std::vector<int64_t> order(static_cast<size_t>(total));
    std::iota(order.begin(), order.end(), 0);
    const int64_t keep = std::min<int64_t>(3, total);
    std::partial_sort(order.begin(), order.begin() + keep, order.end(), [x](int64_t a, int64_t b) {
        const float fa = std::abs(x[a]), fb = std::abs(x[b]);
        return fa != fb ? fa > fb : a < b;
    });
    for (int64_t k = 0; k < keep; ++k)
        s.top.push_back({std::abs(x[order[k]]), order[k] / c, order[k] % c});
    std::vector<double> magnitudes(static_cast<size_t>(total));
    for (int64_t i = 0; i < total; ++i)
        magnitudes[i] = std::abs(x[i]);
    s.medianAbs = medianOf(std::move(magnitudes));
    s.massiveRatio = s.medianAbs > 0 ? s.top.front().value / s.medianAbs : 0;

    s.sinkDimsDeclared = !sinkDims.empty();
    s.sinkDims = sinkDims;
    if (!s.sinkDimsDeclared) {
        std::vector<double> score(static_cast<size_t>(c), 0.0);
        for (int64_t i = 0; i < n; ++i)
            if (rms[i] > 0)
                for (int64_t k = 0; k < c; ++k)
                    score[k] = std::max(score[k], std::abs(double(x[i * c + k])) / rms[i]);
        std::vector<int64_t> channels(static_cast<size_t>(c));
        std::iota(channels.begin(), channels.end(), 0);
        const int64_t two = std::min<int64_t>(2, c);
        std::partial_sort(
            channels.begin(), channels.begin() + two, channels.end(),
            [&score](int64_t a, int64_t b) { return score[a] != score[b] ? score[a] > score[b] : a < b; });
        s.sinkDims.assign(channels.begin(), channels.begin() + two);
    }
    s.phi.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        double peak = 0;
        for (int64_t d : s.sinkDims)
            peak = std::max(peak, std::abs(double(x[i * c + d])));
        s.phi[i] = rms[i] > 0 ? static_cast<float>(peak / rms[i]) : 0.0f;
        if (rms[i] > 0 && peak / rms[i] >= sinkThreshold)
            s.sinks.push_back(i);
    }
    return s;
}

}  // namespace filterscope

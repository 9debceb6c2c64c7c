#include "analysis/SpatialSpectrumAnalysis.h"

#include "analysis/FftwPlanCache.h"
#include "analysis/GridTokens.h"
#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace filterscope {
namespace {

// numpy.fft.fftfreq(n)[k]
double fftFrequency(int k, int n) {
    return (k < (n + 1) / 2 ? k : k - n) / static_cast<double>(n);
}

}  // namespace

SpatialSpectrum computeSpatialSpectrum(const FloatArray& tokens, const TokenLayout& layout) {
    const GridTokens g = gridTokensOf(tokens, layout);
    if (g.gridShape.size() != 2)
        throw Error("spatial spectrum needs a 2-D token grid");
    const int h = static_cast<int>(g.gridShape[0]), w = static_cast<int>(g.gridShape[1]);
    const int C = static_cast<int>(g.channels);
    const int halfW = w / 2 + 1;

    FftwBuffer<double> in(static_cast<size_t>(h) * w * C);
    FftwBuffer<fftw_complex> out(static_cast<size_t>(h) * halfW * C);
    for (int64_t i = 0; i < g.count * C; ++i)
        in[i] = g.data[i];
    fftw_execute_dft_r2c(FftwPlanCache::realToComplex2dInterleaved(h, w, C), in.get(), out.get());

    // Power over the full h×w plane; the right half comes from Hermitian symmetry F(u,v) = conj F(−u,−v).
    std::vector<double> power(static_cast<size_t>(h) * w, 0.0);
    for (int c = 0; c < C; ++c) {
        const fftw_complex* f = out.get() + static_cast<size_t>(c) * h * halfW;
        for (int u = 0; u < h; ++u)
            for (int v = 0; v < w; ++v) {
                const fftw_complex& z = v < halfW ? f[u * halfW + v] : f[((h - u) % h) * halfW + (w - v)];
                power[u * w + v] += z[0] * z[0] + z[1] * z[1];
            }
    }
    for (double& p : power)
        p /= C;
    power[0] = 0.0;

    SpatialSpectrum s;
    s.centredPower = FloatArray({h, w});
    const double delta = 1.0 / std::max(h, w);
    const int rings = static_cast<int>(std::floor(std::sqrt(0.5) / delta + 0.5)) + 1;
    std::vector<double> ringSum(static_cast<size_t>(rings), 0.0);
    std::vector<int> ringCount(static_cast<size_t>(rings), 0);
    double high = 0.0;
    for (int u = 0; u < h; ++u)
        for (int v = 0; v < w; ++v) {
            const double p = power[u * w + v];
            s.centredPower.data[((u + h / 2) % h) * w + (v + w / 2) % w] = static_cast<float>(p);
            if (u == 0 && v == 0)
                continue;
            const double r = std::hypot(fftFrequency(u, h), fftFrequency(v, w));
            const int b = static_cast<int>(std::floor(r / delta + 0.5));
            ringSum[b] += p;
            ringCount[b] += 1;
            s.totalPower += p;
            if (r > kHighFrequencyCutoff)
                high += p;
        }
    for (int b = 0; b < rings; ++b)
        if (ringCount[b] > 0) {
            s.radius.push_back(static_cast<float>(b * delta));
            s.ringPower.push_back(static_cast<float>(ringSum[b] / ringCount[b]));
        }
    s.highFrequencyRatio = s.totalPower > 0 ? high / s.totalPower : 0.0;
    return s;
}

std::vector<SpatialSpectrum> computeSpatialSpectrumPerSlice(const FloatArray& tokens,
                                                            const TokenLayout& layout) {
    const GridTokens g = gridTokensOf(tokens, layout);
    if (g.gridShape.size() != 3)
        return {computeSpatialSpectrum(tokens, layout)};
    TokenLayout slice;
    slice.grid = {g.gridShape[1], g.gridShape[2]};
    const int64_t cells = slice.gridTokenCount();
    std::vector<SpatialSpectrum> out;
    for (int64_t t = 0; t < g.gridShape[0]; ++t) {
        const float* first = g.row(t * cells);
        FloatArray one({1, cells, g.channels}, std::vector<float>(first, first + cells * g.channels));
        out.push_back(computeSpatialSpectrum(one, slice));
    }
    return out;
}

FloatArray log10Power(const FloatArray& power) {
    float floor = std::numeric_limits<float>::max();
    for (float v : power.data)
        if (v > 0)
            floor = std::min(floor, v);
    if (floor == std::numeric_limits<float>::max())
        floor = 1.0f;
    FloatArray out(power.shape);
    for (size_t i = 0; i < power.data.size(); ++i)
        out.data[i] = std::log10(std::max(power.data[i], floor));
    return out;
}

}  // namespace filterscope

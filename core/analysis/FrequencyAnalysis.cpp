#include "analysis/FrequencyAnalysis.h"

#include "analysis/FftwPlanCache.h"
#include "analysis/GridTokens.h"

#include <algorithm>
#include <cmath>

namespace filterscope {
namespace {

double inHalfOpenPi(double phase) {
    return phase <= -M_PI ? M_PI : phase;
}

}  // namespace

namespace {

// Buffers for one token's transform, allocated once per map instead of once per token.
struct PhaseWorkspace {
    explicit PhaseWorkspace(int channels)
        : in(static_cast<size_t>(channels)), out(static_cast<size_t>(channels / 2 + 1)) {}
    FftwBuffer<double> in;
    FftwBuffer<fftw_complex> out;
};

void channelPhases(const float* x, int channels, double* phases, PhaseWorkspace& w) {
    const int C = channels;
    const int half = C / 2 + 1;
    for (int c = 0; c < C; ++c)
        w.in[c] = x[c];
    fftw_execute_dft_r2c(FftwPlanCache::realToComplex1d(C), w.in.get(), w.out.get());

    // Squared magnitudes: the same zero rule as |X_k| ≤ 1e-5·max|X|, without a square root per bin.
    double maxSquared = 0.0;
    for (int k = 0; k < half; ++k)
        maxSquared = std::max(maxSquared, w.out[k][0] * w.out[k][0] + w.out[k][1] * w.out[k][1]);
    const double zeroSquared = kPhaseZeroThreshold * kPhaseZeroThreshold * maxSquared;
    for (int k = 0; k < half; ++k) {
        const double re = w.out[k][0], im = w.out[k][1];
        const bool realBin = (k == 0) || (C % 2 == 0 && k == C / 2);
        if (re * re + im * im <= zeroSquared)
            phases[k] = 0.0;
        else if (realBin)
            phases[k] = re >= 0 ? 0.0 : M_PI;
        else
            phases[k] = inHalfOpenPi(std::atan2(im, re));
    }
    // X_{C−k} = conj(X_k) for real input.
    for (int k = half; k < C; ++k)
        phases[k] = inHalfOpenPi(-phases[C - k]);
}

}  // namespace

void channelPhases(const float* x, int channels, double* phases) {
    PhaseWorkspace w(channels);
    channelPhases(x, channels, phases, w);
}

FloatArray computeFrequencyMap(const FloatArray& tokens, const TokenLayout& layout) {
    const GridTokens g = gridTokensOf(tokens, layout);
    const int C = static_cast<int>(g.channels);
    std::vector<double> phases(static_cast<size_t>(g.count) * C);
    std::vector<double> mean(static_cast<size_t>(C), 0.0);
    PhaseWorkspace workspace(C);
    for (int64_t i = 0; i < g.count; ++i) {
        double* p = phases.data() + i * C;
        channelPhases(g.row(i), C, p, workspace);
        for (int c = 0; c < C; ++c)
            mean[c] += p[c];
    }
    for (double& m : mean)
        m /= static_cast<double>(g.count);

    FloatArray out(g.gridShape);
    for (int64_t i = 0; i < g.count; ++i) {
        const double* p = phases.data() + i * C;
        double s = 0.0;
        for (int c = 0; c < C; ++c)
            s += (p[c] - mean[c]) * (p[c] - mean[c]);
        out.data[i] = static_cast<float>(std::sqrt(s));
    }
    return out;
}

}  // namespace filterscope

#include "analysis/FourierDepthCurve.h"

#include "analysis/FftwPlanCache.h"
#include "analysis/GridTokens.h"
#include "common/Error.h"

#include <cmath>

namespace filterscope {

FloatArray computeFourierDepthCurve(const FloatArray& tokens, const TokenLayout& layout) {
    if (layout.kind == TokenLayout::Kind::Groups)
        throw Error("the Fourier depth curve needs a token grid; point groups have none");
    const GridTokens g = gridTokensOf(tokens, layout);
    const int64_t dims = static_cast<int64_t>(g.gridShape.size());
    const int h = static_cast<int>(g.gridShape[dims - 2]), w = static_cast<int>(g.gridShape[dims - 1]);
    if (h != w)
        throw Error("the Fourier depth curve needs a square token grid (its diagonal spans both axes), got " +
                    std::to_string(h) + "x" + std::to_string(w));
    const int frames = dims == 3 ? static_cast<int>(g.gridShape[0]) : 1;
    const int C = static_cast<int>(g.channels);
    const int halfW = w / 2 + 1;
    const int length = h - h / 2;  // rolled diagonal from index h//2 to h−1: unrolled (k,k), k = 0..length−1

    FftwBuffer<double> in(static_cast<size_t>(h) * w * C);
    FftwBuffer<fftw_complex> out(static_cast<size_t>(h) * halfW * C);
    std::vector<double> diagonal(static_cast<size_t>(length), 0.0);
    for (int t = 0; t < frames; ++t) {
        const float* slice = g.data + static_cast<int64_t>(t) * h * w * C;
        for (int64_t i = 0; i < int64_t(h) * w * C; ++i)
            in[i] = slice[i];
        fftw_execute_dft_r2c(FftwPlanCache::realToComplex2dInterleaved(h, w, C), in.get(), out.get());
        for (int c = 0; c < C; ++c) {
            const fftw_complex* f = out.get() + static_cast<size_t>(c) * h * halfW;
            for (int k = 0; k < length; ++k) {  // k ≤ w/2 < halfW: stored in the half spectrum
                const fftw_complex& z = f[k * halfW + k];
                diagonal[k] += std::log(std::hypot(z[0], z[1]) + 1e-6);
            }
        }
    }
    FloatArray curve({length});
    for (int k = 0; k < length; ++k)
        curve.data[k] = static_cast<float>((diagonal[k] - diagonal[0]) / (double(C) * frames));
    return curve;
}

}  // namespace filterscope

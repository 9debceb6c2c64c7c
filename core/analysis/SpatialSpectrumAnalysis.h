#pragma once

#include "array/FloatArray.h"
#include "contract/TokenLayout.h"

#include <vector>

namespace filterscope {

// Cut-off of the high-frequency ratio, in cycles per token: half of Nyquist.
constexpr double kHighFrequencyCutoff = 0.25;

struct SpatialSpectrum {
    // Power averaged over channels, |F_c(u,v)|² of the unscaled 2-D DFT of channel c over the h×w token
    // grid; DC set to 0; centred (fftshift: DC at [h/2, w/2], integer division).
    FloatArray centredPower;
    // Radial profile: ring b holds frequencies with round(r / Δ) = b, Δ = 1 / max(h,w), where
    // r = sqrt(fy² + fx²) in cycles/token (fy, fx as numpy.fft.fftfreq). Mean power per ring; DC left out.
    std::vector<float> radius;        // b·Δ for each non-empty ring
    std::vector<float> ringPower;     // mean power in that ring
    double totalPower = 0.0;          // sum over all non-DC frequencies
    double highFrequencyRatio = 0.0;  // power at r > 0.25 over totalPower (0 when totalPower is 0)
};

// For 2-D grids.
SpatialSpectrum computeSpatialSpectrum(const FloatArray& tokens, const TokenLayout& layout);
// For a video cube [t,h,w]: the spectrum of every time slice on its own.
std::vector<SpatialSpectrum> computeSpatialSpectrumPerSlice(const FloatArray& tokens,
                                                            const TokenLayout& layout);

// Power spans decades: log10 of it, with DC (set to 0) and any other zero at the smallest positive value,
// as the figures and the window show the spectrum (spectrum.npy keeps the power itself).
FloatArray log10Power(const FloatArray& power);

}  // namespace filterscope

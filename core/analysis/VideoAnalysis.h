#pragma once

#include "array/FloatArray.h"
#include "contract/PluginManifest.h"

namespace filterscope {

// Per token-time step of a [t,h,w] map: (mean, max) over its h·w cells, as [t,2]. The paper's per-frame
// summary of where a video model's activation goes in time.
FloatArray timeCurve(const FloatArray& map);

// The [h,w] token-time slice of a [t,h,w] clip map that sampled frame `frame` shows (tokenTimeOfFrame,
// clamped to the clip). A map that is not [t,h,w] comes back unchanged.
FloatArray frameSlice(const FloatArray& clip, int frame, const VideoInputSpec& spec);

// 1 where a cell exceeds the q-quantile of the whole map (every time step together), else 0: the
// paper's low/high threshold views. Quantile by linear interpolation (numpy.quantile's default).
FloatArray quantileMask(const FloatArray& map, double q);
double quantile(const FloatArray& map, double q);

}  // namespace filterscope

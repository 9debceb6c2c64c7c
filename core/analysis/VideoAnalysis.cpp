#include "analysis/VideoAnalysis.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>

namespace filterscope {

FloatArray frameSlice(const FloatArray& clip, int frame, const VideoInputSpec& spec) {
    if (clip.dim() != 3 || clip.shape[0] < 1)
        return clip;
    const int64_t t = std::clamp<int64_t>(tokenTimeOfFrame(frame, spec), 0, clip.shape[0] - 1);
    const int64_t cells = clip.shape[1] * clip.shape[2];
    return FloatArray({clip.shape[1], clip.shape[2]},
                      std::vector<float>(clip.data.begin() + t * cells, clip.data.begin() + (t + 1) * cells));
}

FloatArray timeCurve(const FloatArray& map) {
    if (map.dim() != 3)
        throw Error("a time curve needs a [t,h,w] map, got " + map.shapeString());
    const int64_t t = map.shape[0], cells = map.shape[1] * map.shape[2];
    FloatArray out({t, 2});
    for (int64_t k = 0; k < t; ++k) {
        double sum = 0, mx = -INFINITY;
        for (int64_t i = 0; i < cells; ++i) {
            const double v = map.data[k * cells + i];
            sum += v;
            mx = std::max(mx, v);
        }
        out.data[k * 2] = static_cast<float>(sum / cells);
        out.data[k * 2 + 1] = static_cast<float>(mx);
    }
    return out;
}

double quantile(const FloatArray& map, double q) {
    if (map.data.empty())
        throw Error("quantile of an empty map");
    std::vector<double> v(map.data.begin(), map.data.end());
    std::sort(v.begin(), v.end());
    const double pos = q * (v.size() - 1);
    const size_t lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min(v.size() - 1, lo + 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
}

FloatArray quantileMask(const FloatArray& map, double q) {
    const double threshold = quantile(map, q);
    FloatArray out(map.shape);
    for (size_t i = 0; i < map.data.size(); ++i)
        out.data[i] = map.data[i] > threshold ? 1.0f : 0.0f;
    return out;
}

}  // namespace filterscope

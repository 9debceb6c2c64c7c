#include "analysis/MapStatistics.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>

namespace filterscope {

MapStatistics computeMapStatistics(const FloatArray& map) {
    MapStatistics s;
    if (map.data.empty())
        return s;
    s.min = s.max = map.data.front();
    double sum = 0.0;
    for (float v : map.data) {
        s.min = std::min(s.min, v);
        s.max = std::max(s.max, v);
        sum += v;
    }
    s.mean = static_cast<float>(sum / static_cast<double>(map.data.size()));
    return s;
}

std::pair<double, double> finiteRange(const FloatArray& map) {
    double lo = INFINITY, hi = -INFINITY;
    for (float v : map.data)
        if (std::isfinite(v)) {
            lo = std::min(lo, static_cast<double>(v));
            hi = std::max(hi, static_cast<double>(v));
        }
    if (!(lo <= hi))
        return {0.0, 1.0};
    return {lo, hi};
}

FloatArray resampleNearest(const FloatArray& map, int64_t h, int64_t w) {
    if (map.dim() != 2 || h <= 0 || w <= 0)
        throw Error("resampling needs a 2-D map and a positive grid, got " + map.shapeString());
    const int64_t h0 = map.shape[0], w0 = map.shape[1];
    FloatArray out({h, w});
    for (int64_t i = 0; i < h; ++i) {
        const int64_t si = std::min(h0 - 1, static_cast<int64_t>((static_cast<double>(i) + 0.5) * h0 / h));
        for (int64_t j = 0; j < w; ++j) {
            const int64_t sj =
                std::min(w0 - 1, static_cast<int64_t>((static_cast<double>(j) + 0.5) * w0 / w));
            out.data[i * w + j] = map.data[si * w0 + sj];
        }
    }
    return out;
}

}  // namespace filterscope

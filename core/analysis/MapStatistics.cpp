#include "analysis/MapStatistics.h"

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

}  // namespace filterscope

#include "analysis/MapStatistics.h"

#include <algorithm>

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

}  // namespace filterscope

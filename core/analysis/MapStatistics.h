#pragma once

#include "array/FloatArray.h"

#include <utility>

namespace filterscope {

struct MapStatistics {
    float min = 0.0f;
    float mean = 0.0f;  // accumulated in double
    float max = 0.0f;
};

MapStatistics computeMapStatistics(const FloatArray& map);

// Finite min and max (NaN and Inf ignored); {0, 1} for an empty or all-non-finite map. Colour scales use it.
std::pair<double, double> finiteRange(const FloatArray& map);

}  // namespace filterscope

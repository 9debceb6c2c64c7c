#pragma once

#include "array/FloatArray.h"

namespace filterscope {

struct MapStatistics {
    float min = 0.0f;
    float mean = 0.0f;  // accumulated in double
    float max = 0.0f;
};

MapStatistics computeMapStatistics(const FloatArray& map);

}  // namespace filterscope

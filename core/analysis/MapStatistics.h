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

// How two maps of one grid differ, over the cells where both are finite (n of them).
struct MapComparison {
    int64_t cells = 0;
    double meanAbsDifference = 0;  // mean |a − b|
    double maxAbsDifference = 0;   // max |a − b|
    double pearson = 0;            // correlation of a and b; NaN when either is constant
};
MapComparison compareMaps(const FloatArray& a, const FloatArray& b);  // throws Error unless shapes agree

// A 2-D map on an h×w grid by nearest cell centre: cell (i, j) takes the map's cell holding the point
// ((i + ½)/h, (j + ½)/w) of the image. What the views draw (a map stretched over the input), so maps of
// grids that differ (ViT-B/16 vs B/32, Swin's stages) can be subtracted for display; numbers stay per grid.
FloatArray resampleNearest(const FloatArray& map, int64_t h, int64_t w);

}  // namespace filterscope

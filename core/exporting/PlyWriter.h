#pragma once

#include "array/FloatArray.h"
#include "pointcloud/PointCloud.h"

#include <string>

namespace filterscope {

// An ASCII PLY of the points coloured by `values` (one per point) through `colormap` over their finite
// range; points without a value (NaN) are grey. Other viewers (MeshLab, CloudCompare, ParaView) open it.
// Also stores the raw value as a float property "value". Written atomically; throws Error naming the path.
void writeColouredPly(const std::string& path, const PointCloud& cloud, const FloatArray& values,
                      const std::string& colormap);

}  // namespace filterscope

#pragma once

#include "array/FloatArray.h"

#include <string>

namespace filterscope {

// map(after) − map(before), element-wise. Both maps must come from stages with the same grid; throws
// Error naming both stages otherwise.
FloatArray stageDifference(const FloatArray& after, const FloatArray& before, const std::string& afterStage,
                           const std::string& beforeStage);

}  // namespace filterscope

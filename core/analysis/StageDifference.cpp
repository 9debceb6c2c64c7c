#include "analysis/StageDifference.h"

#include "common/Error.h"

namespace filterscope {

FloatArray stageDifference(const FloatArray& after, const FloatArray& before, const std::string& afterStage,
                           const std::string& beforeStage) {
    if (after.shape != before.shape)
        throw Error("cannot subtract stage '" + beforeStage + "' " + before.shapeString() + " from stage '" +
                    afterStage + "' " + after.shapeString() + ": their token grids differ");
    FloatArray out(after.shape);
    for (size_t i = 0; i < out.data.size(); ++i)
        out.data[i] = after.data[i] - before.data[i];
    return out;
}

}  // namespace filterscope

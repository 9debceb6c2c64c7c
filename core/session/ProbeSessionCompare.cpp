// ProbeSession: A and B brought onto one grid for their difference.
#include "analysis/MapStatistics.h"
#include "session/ProbeSession.h"

#include <algorithm>

namespace filterscope {

ProbeSession::ComparedMaps ProbeSession::comparedMaps() const {
    ComparedMaps out{currentMap(0), currentMap(1)};
    if (!out.a || !out.b || out.a->shape == out.b->shape)
        return out;
    if (out.a->dim() != 2 || out.b->dim() != 2) {
        out.incompatible = true;
        return out;
    }
    const int64_t h = std::max(out.a->shape[0], out.b->shape[0]),
                  w = std::max(out.a->shape[1], out.b->shape[1]);
    out.a = std::make_shared<const FloatArray>(resampleNearest(*out.a, h, w));
    out.b = std::make_shared<const FloatArray>(resampleNearest(*out.b, h, w));
    out.resampled = true;
    return out;
}

}  // namespace filterscope

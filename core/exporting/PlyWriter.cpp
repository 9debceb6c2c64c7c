#include "exporting/PlyWriter.h"

#include "analysis/MapStatistics.h"
#include "color/Colormap.h"
#include "common/AtomicFile.h"
#include "common/Error.h"

#include <cmath>
#include <cstdio>

namespace filterscope {

void writeColouredPly(const std::string& path, const PointCloud& cloud, const FloatArray& values,
                      const std::string& colormap) {
    const int64_t n = cloud.size();
    if (values.elementCount() != n)
        throw Error(path + ": " + std::to_string(values.elementCount()) + " values for " + std::to_string(n) +
                    " points");
    const Colormap& cmap = Colormap::byName(colormap);
    const auto [lo, hi] = finiteRange(values);
    std::string text = "ply\nformat ascii 1.0\ncomment Filterscope: colour = " + colormap + " over [" +
                       std::to_string(lo) + ", " + std::to_string(hi) + "]\nelement vertex " +
                       std::to_string(n) +
                       "\nproperty float x\nproperty float y\nproperty float z\nproperty uchar red\n"
                       "property uchar green\nproperty uchar blue\nproperty float value\nend_header\n";
    char line[160];
    for (int64_t i = 0; i < n; ++i) {
        const float v = values.data[i];
        Rgb c{128, 128, 128};
        if (std::isfinite(v))
            c = cmap.at(hi > lo ? (v - lo) / (hi - lo) : 0.5);
        std::snprintf(line, sizeof line, "%.7g %.7g %.7g %d %d %d %.9g\n", cloud.xyz[i * 3],
                      cloud.xyz[i * 3 + 1], cloud.xyz[i * 3 + 2], c.r, c.g, c.b, v);
        text += line;
    }
    writeFileAtomically(path, text);
}

}  // namespace filterscope

#include "analysis/MapStatistics.h"

#include "common/Error.h"

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

MapComparison compareMaps(const FloatArray& a, const FloatArray& b) {
    if (a.shape != b.shape)
        throw Error("maps of different shapes cannot be compared cell by cell: " + a.shapeString() + " and " +
                    b.shapeString());
    MapComparison c;
    double sa = 0, sb = 0;
    for (size_t i = 0; i < a.data.size(); ++i)
        if (std::isfinite(a.data[i]) && std::isfinite(b.data[i])) {
            ++c.cells;
            sa += a.data[i];
            sb += b.data[i];
        }
    if (c.cells == 0) {
        c.pearson = NAN;
        return c;
    }
    const double ma = sa / c.cells, mb = sb / c.cells;
    double sab = 0, saa = 0, sbb = 0, diff = 0;
    for (size_t i = 0; i < a.data.size(); ++i) {
        if (!std::isfinite(a.data[i]) || !std::isfinite(b.data[i]))
            continue;
        const double da = a.data[i] - ma, db = b.data[i] - mb, d = std::abs(double(a.data[i]) - b.data[i]);
        sab += da * db;
        saa += da * da;
        sbb += db * db;
        diff += d;
        c.maxAbsDifference = std::max(c.maxAbsDifference, d);
    }
    c.meanAbsDifference = diff / c.cells;
    c.pearson = saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : NAN;
    return c;
}

FloatArray resampleNearest(const FloatArray& map, int64_t h, int64_t w) {
    if (map.dim() != 2 || h <= 0 || w <= 0)
        throw Error("resampling needs a 2-D map and a positive grid, got " + map.shapeString());
    const int64_t h0 = map.shape[0], w0 = map.shape[1];
    FloatArray out({h, w});
    for (int64_t i = 0; i < h; ++i) {
        const int64_t si = std::min(h0 - 1, static_cast<int64_t>((static_cast<double>(i) + 0.5) * h0 / h));
        for (int64_t j = 0; j < w; ++j) {
            const int64_t sj =
                std::min(w0 - 1, static_cast<int64_t>((static_cast<double>(j) + 0.5) * w0 / w));
            out.data[i * w + j] = map.data[si * w0 + sj];
        }
    }
    return out;
}

}  // namespace filterscope

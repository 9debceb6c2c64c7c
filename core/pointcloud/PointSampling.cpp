#include "pointcloud/PointSampling.h"

#include "common/Error.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace filterscope {

void normalizeUnitSphere(PointCloud& cloud) {
    const int64_t n = cloud.size();
    double c[3] = {0, 0, 0};
    for (int64_t i = 0; i < n; ++i)
        for (int k = 0; k < 3; ++k)
            c[k] += cloud.xyz[i * 3 + k];
    for (double& v : c)
        v /= static_cast<double>(n);
    double radius = 0;
    for (int64_t i = 0; i < n; ++i) {
        double d = 0;
        for (int k = 0; k < 3; ++k)
            d += (cloud.xyz[i * 3 + k] - c[k]) * (cloud.xyz[i * 3 + k] - c[k]);
        radius = std::max(radius, std::sqrt(d));
    }
    if (radius == 0)
        radius = 1;
    for (int64_t i = 0; i < n; ++i)
        for (int k = 0; k < 3; ++k)
            cloud.xyz[i * 3 + k] = static_cast<float>((cloud.xyz[i * 3 + k] - c[k]) / radius);
}

std::vector<int64_t> farthestPointSample(const PointCloud& cloud, int64_t count) {
    const int64_t n = cloud.size();
    std::vector<int64_t> chosen;
    if (n == 0 || count <= 0)
        return chosen;
    std::vector<double> dist(static_cast<size_t>(n), std::numeric_limits<double>::infinity());
    int64_t current = 0;
    for (int64_t s = 0; s < count; ++s) {
        chosen.push_back(current);
        const float* c = &cloud.xyz[current * 3];
        int64_t next = 0;
        double best = -1;
        for (int64_t i = 0; i < n; ++i) {
            const float* p = &cloud.xyz[i * 3];
            const double d = double(p[0] - c[0]) * (p[0] - c[0]) + double(p[1] - c[1]) * (p[1] - c[1]) +
                             double(p[2] - c[2]) * (p[2] - c[2]);
            if (d < dist[i])
                dist[i] = d;
            if (dist[i] > best)
                best = dist[i], next = i;
        }
        current = next;
    }
    return chosen;
}

std::vector<int64_t> randomSample(const PointCloud& cloud, int64_t count, uint32_t seed) {
    const int64_t n = cloud.size();
    std::vector<int64_t> idx(static_cast<size_t>(n));
    std::iota(idx.begin(), idx.end(), 0);
    std::mt19937 rng(seed);
    for (int64_t i = 0; i < count && i < n; ++i)
        std::swap(idx[i], idx[i + static_cast<int64_t>(rng() % uint64_t(n - i))]);
    idx.resize(static_cast<size_t>(std::min(count, n)));
    return idx;
}

PointCloud samplePoints(const PointCloud& cloud, const PointInputSpec& spec, const std::string& name,
                        std::vector<int64_t>* chosen, std::string* note) {
    const int64_t p = spec.points, n = cloud.size();
    if (n == 0)
        throw Error(name + ": has no points");
    if (n < p && spec.padding == PointInputSpec::Padding::None)
        throw Error(name + ": has " + std::to_string(n) + " points, the plugin takes " + std::to_string(p) +
                    " (its manifest sets \"padding\": \"none\")");
    std::vector<int64_t> idx(static_cast<size_t>(p));
    if (n <= p) {
        // Repeat-padding: input i is point i mod N, so every point is seen ⌊P/N⌋ or ⌈P/N⌉ times.
        for (int64_t i = 0; i < p; ++i)
            idx[i] = i % n;
        if (n < p && note)
            *note = name + ": has " + std::to_string(n) + " points, the plugin takes " + std::to_string(p) +
                    ": padded by repeating them in file order (model point i is point i mod " +
                    std::to_string(n) + ")";
    } else {
        const bool fps = spec.sampling == PointInputSpec::Sampling::FarthestPoint;
        idx = fps ? farthestPointSample(cloud, p) : randomSample(cloud, p, spec.seed);
        if (note)
            *note = name + ": has " + std::to_string(n) + " points, the plugin takes " + std::to_string(p) +
                    ": " + (fps ? "farthest-point" : "random") + " sampled";
    }
    PointCloud out;
    out.droppedNonFinite = cloud.droppedNonFinite;
    for (int64_t i : idx) {
        out.xyz.insert(out.xyz.end(), cloud.xyz.begin() + i * 3, cloud.xyz.begin() + i * 3 + 3);
        if (cloud.hasColour())
            out.rgb.insert(out.rgb.end(), cloud.rgb.begin() + i * 3, cloud.rgb.begin() + i * 3 + 3);
    }
    if (spec.normalize == PointInputSpec::Normalize::UnitSphere)
        normalizeUnitSphere(out);
    if (chosen)
        *chosen = std::move(idx);
    return out;
}

FloatArray pointTensor(const PointCloud& cloud) {
    return FloatArray({1, cloud.size(), 3}, cloud.xyz);
}

FloatArray scatterToPoints(const FloatArray& tokenValues, const FloatArray& groupIndex, int64_t points) {
    if (groupIndex.dim() != 3 || groupIndex.shape[0] != 1 ||
        groupIndex.shape[1] != tokenValues.elementCount())
        throw Error("group_index must be [1,G,k] with G = " + std::to_string(tokenValues.elementCount()) +
                    ", got " + groupIndex.shapeString());
    const int64_t g = groupIndex.shape[1], k = groupIndex.shape[2];
    std::vector<double> sum(static_cast<size_t>(points), 0.0);
    std::vector<int> hits(static_cast<size_t>(points), 0);
    for (int64_t i = 0; i < g; ++i)
        for (int64_t j = 0; j < k; ++j) {
            const float f = groupIndex.data[i * k + j];
            const int64_t p = static_cast<int64_t>(f);
            if (!(f >= 0) || p >= points || float(p) != f)
                throw Error("group_index holds " + std::to_string(f) + ", not an index into the " +
                            std::to_string(points) + " input points");
            sum[p] += tokenValues.data[i];
            hits[p] += 1;
        }
    FloatArray out({points});
    for (int64_t p = 0; p < points; ++p)
        out.data[p] = hits[p] ? static_cast<float>(sum[p] / hits[p]) : NAN;
    return out;
}

}  // namespace filterscope

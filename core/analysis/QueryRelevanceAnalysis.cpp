#include "analysis/QueryRelevanceAnalysis.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace filterscope {
namespace {

int64_t mapCount(const FloatArray& maps) {
    return maps.shape.empty() ? 0 : maps.shape[0];
}
int64_t mapSize(const FloatArray& maps) {
    return mapCount(maps) ? maps.elementCount() / mapCount(maps) : 0;
}

void checkMaps(const FloatArray& maps) {
    if (maps.dim() < 2)
        throw Error("query maps must be [M,h,w], got " + maps.shapeString());
}

}  // namespace

void checkCrossAttentionShape(const FloatArray& xattn, const TokenLayout& layout, const std::string& key) {
    const auto& s = xattn.shape;
    if (s.size() != 4 || s[0] != 1 || s[1] < 1 || s[2] < 1)
        throw Error("capture '" + key + "' must be [1,H,M,N] cross-attention, got " + xattn.shapeString());
    if (s[3] != layout.tokenCount())
        throw Error("capture '" + key + "' attends over " + std::to_string(s[3]) +
                    " tokens, expected N = " + layout.describe());
    if (layout.queries > 0 && s[2] != layout.queries)
        throw Error("capture '" + key + "' has " + std::to_string(s[2]) +
                    " queries, expected M = " + std::to_string(layout.queries));
}

FloatArray queryMaps(const FloatArray& xattn, const TokenLayout& layout) {
    checkCrossAttentionShape(xattn, layout, "xattn");
    const int64_t heads = xattn.shape[1], m = xattn.shape[2], n = xattn.shape[3];
    std::vector<int64_t> shape{m};
    shape.insert(shape.end(), layout.grid.begin(), layout.grid.end());
    FloatArray out(shape);
    const int64_t cells = layout.gridTokenCount();
    for (int64_t q = 0; q < m; ++q)
        for (int64_t g = 0; g < cells; ++g) {
            double s = 0;
            for (int64_t h = 0; h < heads; ++h)
                s += xattn.data[(h * m + q) * n + layout.prefix + g];
            out.data[q * cells + g] = static_cast<float>(s / heads);
        }
    return out;
}

FloatArray meanOfLayers(const std::vector<FloatArray>& layers) {
    if (layers.empty())
        throw Error("no cross-attention layers to average");
    FloatArray out(layers.front().shape);
    for (const FloatArray& l : layers) {
        if (l.shape != out.shape)
            throw Error("cross-attention layers have different shapes");
        for (size_t i = 0; i < out.data.size(); ++i)
            out.data[i] += l.data[i] / static_cast<float>(layers.size());
    }
    return out;
}

namespace {

// Rows of the M×d map matrix in double, each minus its own mean when `centred`.
std::vector<double> mapRows(const FloatArray& maps, bool centred) {
    const int64_t m = mapCount(maps), d = mapSize(maps);
    std::vector<double> rows(maps.data.begin(), maps.data.end());
    if (!centred || d == 0)
        return rows;
    for (int64_t q = 0; q < m; ++q) {
        double mean = 0;
        for (int64_t i = 0; i < d; ++i)
            mean += rows[q * d + i];
        mean /= static_cast<double>(d);
        for (int64_t i = 0; i < d; ++i)
            rows[q * d + i] -= mean;
    }
    return rows;
}

// Gram matrix G = X·Xᵀ of the rows.
std::vector<double> gram(const std::vector<double>& rows, int64_t m, int64_t d) {
    std::vector<double> g(static_cast<size_t>(m * m));
    for (int64_t a = 0; a < m; ++a)
        for (int64_t b = a; b < m; ++b) {
            double dot = 0;
            for (int64_t i = 0; i < d; ++i)
                dot += rows[a * d + i] * rows[b * d + i];
            g[a * m + b] = g[b * m + a] = dot;
        }
    return g;
}

FloatArray cosineOfRows(const FloatArray& maps, bool centred) {
    checkMaps(maps);
    const int64_t m = mapCount(maps), d = mapSize(maps);
    const std::vector<double> g = gram(mapRows(maps, centred), m, d);
    FloatArray out({m, m});
    for (int64_t a = 0; a < m; ++a)
        for (int64_t b = 0; b < m; ++b) {
            const double denom = std::sqrt(g[a * m + a]) * std::sqrt(g[b * m + b]);
            out.data[a * m + b] =
                a == b ? 1.0f : (denom > 0 ? static_cast<float>(g[a * m + b] / denom) : 0.0f);
        }
    return out;
}

double participationOfRows(const FloatArray& maps, bool centred) {
    checkMaps(maps);
    const int64_t m = mapCount(maps), d = mapSize(maps);
    const std::vector<double> g = gram(mapRows(maps, centred), m, d);
    double trace = 0, frob = 0;
    for (int64_t a = 0; a < m; ++a) {
        trace += g[a * m + a];
        for (int64_t b = 0; b < m; ++b)
            frob += g[a * m + b] * g[a * m + b];
    }
    return frob > 0 ? trace * trace / frob : 0.0;
}

}  // namespace

FloatArray querySimilarity(const FloatArray& maps) {
    return cosineOfRows(maps, true);
}

FloatArray querySimilarityRaw(const FloatArray& maps) {
    return cosineOfRows(maps, false);
}

std::vector<std::vector<int>> duplicateGroups(const FloatArray& similarity, double threshold) {
    const int m = static_cast<int>(similarity.shape.at(0));
    std::vector<int> parent(static_cast<size_t>(m));
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](int x) {
        while (parent[x] != x)
            x = parent[x] = parent[parent[x]];
        return x;
    };
    for (int a = 0; a < m; ++a)
        for (int b = a + 1; b < m; ++b)
            if (similarity.data[a * m + b] >= threshold)
                parent[find(b)] = find(a);
    std::vector<std::vector<int>> byRoot(static_cast<size_t>(m));
    for (int q = 0; q < m; ++q)
        byRoot[find(q)].push_back(q);
    std::vector<std::vector<int>> groups;
    for (auto& g : byRoot)
        if (g.size() >= 2)
            groups.push_back(g);
    std::sort(groups.begin(), groups.end(),
              [](const auto& x, const auto& y) { return x.front() < y.front(); });
    return groups;
}

double participationRatio(const FloatArray& maps) {
    return participationOfRows(maps, true);
}

double participationRatioRaw(const FloatArray& maps) {
    return participationOfRows(maps, false);
}

FloatArray coverageMap(const FloatArray& maps) {
    checkMaps(maps);
    const int64_t m = mapCount(maps), d = mapSize(maps);
    FloatArray out(std::vector<int64_t>(maps.shape.begin() + 1, maps.shape.end()), -INFINITY);
    for (int64_t q = 0; q < m; ++q)
        for (int64_t i = 0; i < d; ++i)
            out.data[i] = std::max(out.data[i], maps.data[q * d + i]);
    return out;
}

double uncoveredShare(const FloatArray& coverage, double threshold) {
    if (coverage.data.empty())
        return 0.0;
    const auto below =
        std::count_if(coverage.data.begin(), coverage.data.end(), [&](float v) { return v < threshold; });
    return static_cast<double>(below) / static_cast<double>(coverage.data.size());
}

FloatArray poolingMaps(const TokenLayout& layout, int outputs) {
    const int h = static_cast<int>(layout.height()), w = static_cast<int>(layout.width());
    int ph = 0, pw = 0;
    double best = INFINITY;
    for (int a = 1; a <= outputs; ++a) {
        if (outputs % a)
            continue;
        const int b = outputs / a;
        if (a > h || b > w)
            continue;
        const double miss = std::abs(std::log((double(a) / b) / (double(h) / w)));
        if (miss < best - 1e-12)
            best = miss, ph = a, pw = b;
    }
    if (ph == 0)
        throw Error("no pooling of a " + std::to_string(h) + "x" + std::to_string(w) + " grid gives " +
                    std::to_string(outputs) + " outputs");
    FloatArray out({static_cast<int64_t>(outputs), h, w});
    for (int i = 0; i < ph; ++i)
        for (int j = 0; j < pw; ++j) {
            const int y0 = (i * h) / ph, y1 = ((i + 1) * h + ph - 1) / ph;
            const int x0 = (j * w) / pw, x1 = ((j + 1) * w + pw - 1) / pw;
            const float weight = 1.0f / static_cast<float>((y1 - y0) * (x1 - x0));
            for (int y = y0; y < y1; ++y)
                for (int x = x0; x < x1; ++x)
                    out.data[((i * pw + j) * h + y) * w + x] = weight;
        }
    return out;
}

QueryStatistics computeQueryStatistics(const FloatArray& maps, double similarityThreshold,
                                       double coverageThreshold) {
    QueryStatistics s;
    s.queries = static_cast<int>(mapCount(maps));
    s.effectiveQueries = participationRatio(maps);
    s.effectiveQueriesRaw = participationRatioRaw(maps);
    const auto groups = duplicateGroups(querySimilarity(maps), similarityThreshold);
    s.duplicateGroups = static_cast<int>(groups.size());
    for (const auto& g : groups)
        s.queriesInGroups += static_cast<int>(g.size());
    s.uncoveredShare = uncoveredShare(coverageMap(maps), coverageThreshold);
    return s;
}

}  // namespace filterscope

#include "analysis/AttentionAnalysis.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace filterscope {
namespace {

int64_t tokensOf(const FloatArray& attn) {
    return attn.shape[2];
}

float valueAt(const FloatArray& a, int64_t i) {
    return a.data[static_cast<size_t>(i)];
}
float valueAt(const HalfArray& a, int64_t i) {
    return a.at(i);
}

// Probability a[head][i][j]; head −1 averages over heads. Works on float32 and float16 storage.
template <typename Array>
double prob(const Array& attn, int head, int64_t i, int64_t j) {
    const int64_t n = attn.shape[2];
    const int64_t heads = attn.shape[1];
    if (head >= 0)
        return valueAt(attn, (head * n + i) * n + j);
    double s = 0;
    for (int64_t h = 0; h < heads; ++h)
        s += valueAt(attn, (h * n + i) * n + j);
    return s / static_cast<double>(heads);
}

void checkShape(const std::vector<int64_t>& s, const TokenLayout& layout, const std::string& key) {
    if (s.size() != 4 || s[0] != 1 || s[1] < 1 || s[2] != s[3])
        throw Error("capture '" + key + "' must be [1,H,N,N] attention, got " + shapeToString(s));
    if (s[2] != layout.tokenCount())
        throw Error("capture '" + key + "' attends over " + std::to_string(s[2]) +
                    " tokens, expected N = " + layout.describe());
}

void checkToken(int token, int64_t n, const char* what, bool meanAllowed = false) {
    if (meanAllowed && token == kMeanOverQueries)
        return;
    if (token < 0 || token >= n)
        throw Error(std::string(what) + " token " + std::to_string(token) + " is outside 0.." +
                    std::to_string(n - 1));
}

void checkHead(const std::vector<int64_t>& shape, int head) {
    if (head < -1 || head >= shape[1])
        throw Error("head " + std::to_string(head) + " does not exist (heads 0.." +
                    std::to_string(shape[1] - 1) + ", or -1 for the mean)");
}

template <typename Array>
FloatArray rowMap(const Array& attn, const TokenLayout& layout, int head, int query) {
    checkShape(attn.shape, layout, "attn");
    checkHead(attn.shape, head);
    checkToken(query, attn.shape[2], "query", true);
    FloatArray out(layout.grid);
    const int64_t n = attn.shape[2];
    for (int64_t g = 0; g < layout.gridTokenCount(); ++g) {
        if (query != kMeanOverQueries) {
            out.data[g] = static_cast<float>(prob(attn, head, query, layout.prefix + g));
            continue;
        }
        double s = 0;  // the mean over all N query rows: how much attention token g receives on average
        for (int64_t i = 0; i < n; ++i)
            s += prob(attn, head, i, layout.prefix + g);
        out.data[g] = static_cast<float>(s / static_cast<double>(n));
    }
    return out;
}

template <typename Array>
FloatArray columnMap(const Array& attn, const TokenLayout& layout, int head, int key) {
    checkShape(attn.shape, layout, "attn");
    checkHead(attn.shape, head);
    checkToken(key, attn.shape[2], "key");
    FloatArray out(layout.grid);
    for (int64_t g = 0; g < layout.gridTokenCount(); ++g)
        out.data[g] = static_cast<float>(prob(attn, head, layout.prefix + g, key));
    return out;
}

}  // namespace

void checkAttentionShape(const FloatArray& attn, const TokenLayout& layout, const std::string& key) {
    checkShape(attn.shape, layout, key);
}

int attentionHeads(const FloatArray& attn) {
    return static_cast<int>(attn.shape[1]);
}

FloatArray attentionRowMap(const FloatArray& attn, const TokenLayout& layout, int head, int query) {
    return rowMap(attn, layout, head, query);
}
FloatArray attentionRowMap(const HalfArray& attn, const TokenLayout& layout, int head, int query) {
    return rowMap(attn, layout, head, query);
}
FloatArray attentionColumnMap(const FloatArray& attn, const TokenLayout& layout, int head, int key) {
    return columnMap(attn, layout, head, key);
}
FloatArray attentionColumnMap(const HalfArray& attn, const TokenLayout& layout, int head, int key) {
    return columnMap(attn, layout, head, key);
}

FloatArray headMeanAttention(const FloatArray& attn) {
    const int64_t n = tokensOf(attn), heads = attn.shape[1];
    std::vector<double> acc(static_cast<size_t>(n * n), 0.0);
    for (int64_t h = 0; h < heads; ++h)
        for (int64_t k = 0; k < n * n; ++k)
            acc[k] += attn.data[h * n * n + k];
    FloatArray out({n, n});
    for (int64_t k = 0; k < n * n; ++k)
        out.data[k] = static_cast<float>(acc[k] / heads);
    return out;
}

std::vector<double> attentionRolloutRow(const std::vector<const FloatArray*>& stages, int64_t query) {
    if (stages.empty())
        throw Error("attention rollout needs at least one attention stage");
    const int64_t n = tokensOf(*stages.front());
    checkToken(static_cast<int>(query), n, "query", true);
    // Row q of Â_L ⋯ Â_1 is e_qᵀ·Â_L·…·Â_1: vector-matrix products, last stage first — O(L·N²), not O(L·N³).
    std::vector<double> v(static_cast<size_t>(n), 0.0), next(v.size());
    if (query == kMeanOverQueries)
        std::fill(v.begin(), v.end(), 1.0 / static_cast<double>(n));  // (1/N)·1ᵀ·R: the mean row of R
    else
        v[query] = 1.0;
    for (auto it = stages.rbegin(); it != stages.rend(); ++it) {
        if (tokensOf(**it) != n)
            throw Error("attention rollout over stages with different token counts (" + std::to_string(n) +
                        " and " + std::to_string(tokensOf(**it)) + ")");
        const FloatArray mean = headMeanAttention(**it);
        std::fill(next.begin(), next.end(), 0.0);
        for (int64_t i = 0; i < n; ++i) {
            if (v[i] == 0.0)
                continue;
            double rowSum = 0;
            for (int64_t j = 0; j < n; ++j)
                rowSum += 0.5 * mean.data[i * n + j] + (i == j ? 0.5 : 0.0);
            const double scale = v[i] / rowSum;
            for (int64_t j = 0; j < n; ++j)
                next[j] += scale * (0.5 * mean.data[i * n + j] + (i == j ? 0.5 : 0.0));
        }
        v.swap(next);
    }
    return v;
}

FloatArray attentionRollout(const std::vector<const FloatArray*>& stages) {
    if (stages.empty())
        throw Error("attention rollout needs at least one attention stage");
    const int64_t n = tokensOf(*stages.front());
    std::vector<double> r(static_cast<size_t>(n * n), 0.0), next(r.size()), a(r.size());
    for (int64_t i = 0; i < n; ++i)
        r[i * n + i] = 1.0;
    for (const FloatArray* s : stages) {
        if (tokensOf(*s) != n)
            throw Error("attention rollout over stages with different token counts (" + std::to_string(n) +
                        " and " + std::to_string(tokensOf(*s)) + ")");
        const FloatArray mean = headMeanAttention(*s);
        for (int64_t i = 0; i < n; ++i) {
            double rowSum = 0;
            for (int64_t j = 0; j < n; ++j) {
                a[i * n + j] = 0.5 * mean.data[i * n + j] + (i == j ? 0.5 : 0.0);
                rowSum += a[i * n + j];
            }
            for (int64_t j = 0; j < n; ++j)
                a[i * n + j] /= rowSum;
        }
        // next = Â_l · R (row-major i-k-j loop keeps the inner loop contiguous)
        std::fill(next.begin(), next.end(), 0.0);
        for (int64_t i = 0; i < n; ++i)
            for (int64_t k = 0; k < n; ++k) {
                const double aik = a[i * n + k];
                if (aik == 0.0)
                    continue;
                const double* rk = &r[k * n];
                double* out = &next[i * n];
                for (int64_t j = 0; j < n; ++j)
                    out[j] += aik * rk[j];
            }
        r.swap(next);
    }
    FloatArray out({n, n});
    for (size_t k = 0; k < r.size(); ++k)
        out.data[k] = static_cast<float>(r[k]);
    return out;
}

FloatArray massThresholdMask(const FloatArray& map, double share) {
    if (!(share > 0 && share <= 1))
        throw Error("mass share must be in (0, 1], got " + std::to_string(share));
    const size_t n = map.data.size();
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    auto value = [&](size_t i) { return std::isfinite(map.data[i]) ? std::max(0.0f, map.data[i]) : 0.0f; };
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return value(a) > value(b); });
    double total = 0;
    for (size_t i = 0; i < n; ++i)
        total += value(i);
    FloatArray mask(map.shape, 0.0f);
    double kept = 0;
    for (size_t i : order) {
        if (total <= 0 || kept >= share * total)
            break;
        mask.data[i] = 1.0f;
        kept += value(i);
    }
    return mask;
}

std::vector<HeadStatistics> computeHeadStatistics(const FloatArray& attn, const TokenLayout& layout,
                                                  int query) {
    checkAttentionShape(attn, layout, "attn");
    const int64_t n = tokensOf(attn), heads = attn.shape[1];
    checkToken(query, n, "query", true);
    const int64_t w = layout.width(), cells = layout.gridTokenCount();
    const int64_t plane = cells / std::max<int64_t>(1, layout.height() * w);  // >1 only for a video cube
    // Grid distances, the same for every head and stage of a layout: computed once per call, not per head.
    std::vector<double> table(static_cast<size_t>(cells * cells));
    for (int64_t gi = 0; gi < cells; ++gi) {
        const double yi = (gi % (cells / plane)) / w, xi = gi % w;
        for (int64_t gj = 0; gj < cells; ++gj) {
            const double yj = (gj % (cells / plane)) / w, xj = gj % w;
            table[gi * cells + gj] = std::hypot(yi - yj, xi - xj);
        }
    }
    std::vector<HeadStatistics> stats(static_cast<size_t>(heads));
    for (int64_t h = 0; h < heads; ++h) {
        const float* a = attn.data.data() + h * n * n;
        HeadStatistics& s = stats[h];
        // Without a query (CLS-less models): the mean over all query rows of each row's entropy.
        const int64_t firstRow = query == kMeanOverQueries ? 0 : query;
        const int64_t rows = query == kMeanOverQueries ? n : 1;
        double entropy = 0;
        for (int64_t i = firstRow; i < firstRow + rows; ++i)
            for (int64_t j = 0; j < n; ++j) {
                const double p = a[i * n + j];
                if (p > 0)
                    entropy -= p * std::log(p);
            }
        s.entropy = n > 1 ? entropy / static_cast<double>(rows) / std::log(static_cast<double>(n)) : 0.0;
        double sink = 0;
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < layout.prefix; ++j)
                sink += a[i * n + j];
        s.sinkShare = sink / static_cast<double>(n);
        double distance = 0;
        for (int64_t gi = 0; gi < cells; ++gi) {
            const float* row = a + (layout.prefix + gi) * n + layout.prefix;
            const double* d = table.data() + gi * cells;
            double mass = 0, weighted = 0;
            for (int64_t gj = 0; gj < cells; ++gj) {
                mass += row[gj];
                weighted += row[gj] * d[gj];
            }
            distance += mass > 0 ? weighted / mass : 0.0;
        }
        s.meanDistance = cells > 0 ? distance / static_cast<double>(cells) : 0.0;
    }
    return stats;
}

}  // namespace filterscope

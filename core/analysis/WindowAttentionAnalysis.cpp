#include "analysis/WindowAttentionAnalysis.h"

#include "common/Error.h"

#include <cmath>

namespace filterscope {
namespace {

// Where grid token g sits: its window and its place inside it, after the −shift roll.
struct WindowPlace {
    int64_t window = 0;
    int64_t slot = 0;
};

struct WindowGeometry {
    int64_t h = 0, w = 0, size = 0, shift = 0, across = 0, cells = 0;

    WindowGeometry(const TokenLayout& layout, const AttentionWindow& window)
        : h(layout.height()),
          w(layout.width()),
          size(window.size),
          shift(window.shift),
          across(window.size ? layout.width() / window.size : 0),
          cells(int64_t{window.size} * window.size) {}

    WindowPlace placeOf(int64_t g) const {
        const int64_t y = ((g / w - shift) % h + h) % h, x = ((g % w - shift) % w + w) % w;
        return {(y / size) * across + x / size, (y % size) * size + x % size};
    }
    int64_t gridIndexOf(int64_t window, int64_t slot) const {
        const int64_t ry = (window / across) * size + slot / size,
                      rx = (window % across) * size + slot % size;
        return ((ry + shift) % h) * w + (rx + shift) % w;
    }
};

void checkHeadAndToken(const FloatArray& wattn, int head, int token, int64_t cells, bool meanAllowed) {
    if (head < -1 || head >= wattn.shape[1])
        throw Error("head " + std::to_string(head) + " does not exist (heads 0.." +
                    std::to_string(wattn.shape[1] - 1) + ", or -1 for the mean)");
    if (!(meanAllowed && token == kMeanOverQueries) && (token < 0 || token >= cells))
        throw Error("token " + std::to_string(token) + " is outside the grid's 0.." +
                    std::to_string(cells - 1));
}

// Probability of query slot i to key slot j in window k, head `head` (−1: mean over heads).
double prob(const FloatArray& a, int head, int64_t k, int64_t i, int64_t j) {
    const int64_t heads = a.shape[1], windows = a.shape[2], c = a.shape[3];
    auto at = [&](int64_t hh) { return a.data[static_cast<size_t>(((hh * windows + k) * c + i) * c + j)]; };
    if (head >= 0)
        return at(head);
    double s = 0;
    for (int64_t hh = 0; hh < heads; ++hh)
        s += at(hh);
    return s / static_cast<double>(heads);
}

}  // namespace

void checkWindowAttentionShape(const FloatArray& wattn, const TokenLayout& layout,
                               const AttentionWindow& window, const std::string& key) {
    const auto& s = wattn.shape;
    if (!window.present())
        throw Error("capture '" + key +
                    "' is windowed attention, but the manifest declares no window for its "
                    "stage (stages[].window {\"size\", \"shift\"})");
    const int64_t c = int64_t{window.size} * window.size;
    if (layout.grid.size() != 2 || layout.height() % window.size || layout.width() % window.size)
        throw Error("capture '" + key + "': window " + std::to_string(window.size) +
                    " does not tile the stage's grid " + layout.describe());
    const int64_t windows = (layout.height() / window.size) * (layout.width() / window.size);
    if (s.size() != 5 || s[0] != 1 || s[1] < 1 || s[2] != windows || s[3] != c || s[4] != c)
        throw Error("capture '" + key + "' must be [1,H," + std::to_string(windows) + "," +
                    std::to_string(c) + "," + std::to_string(c) + "] windowed attention (" +
                    std::to_string(windows) + " windows of " + std::to_string(window.size) + "x" +
                    std::to_string(window.size) + "), got " + shapeToString(s));
}

FloatArray windowAttentionRowMap(const FloatArray& wattn, const TokenLayout& layout,
                                 const AttentionWindow& window, int head, int query) {
    checkWindowAttentionShape(wattn, layout, window, "wattn");
    const WindowGeometry geo(layout, window);
    checkHeadAndToken(wattn, head, query, geo.h * geo.w, true);
    FloatArray out(layout.grid, 0.0f);
    if (query != kMeanOverQueries) {
        const WindowPlace q = geo.placeOf(query);
        for (int64_t j = 0; j < geo.cells; ++j)
            out.data[geo.gridIndexOf(q.window, j)] =
                static_cast<float>(prob(wattn, head, q.window, q.slot, j));
        return out;
    }
    const double n = static_cast<double>(geo.h * geo.w);
    for (int64_t g = 0; g < geo.h * geo.w; ++g) {
        const WindowPlace k = geo.placeOf(g);
        double s = 0;
        for (int64_t i = 0; i < geo.cells; ++i)
            s += prob(wattn, head, k.window, i, k.slot);
        out.data[g] = static_cast<float>(s / n);
    }
    return out;
}

FloatArray windowAttentionColumnMap(const FloatArray& wattn, const TokenLayout& layout,
                                    const AttentionWindow& window, int head, int key) {
    checkWindowAttentionShape(wattn, layout, window, "wattn");
    const WindowGeometry geo(layout, window);
    checkHeadAndToken(wattn, head, key, geo.h * geo.w, false);
    FloatArray out(layout.grid, 0.0f);
    const WindowPlace k = geo.placeOf(key);
    for (int64_t i = 0; i < geo.cells; ++i)
        out.data[geo.gridIndexOf(k.window, i)] = static_cast<float>(prob(wattn, head, k.window, i, k.slot));
    return out;
}

std::vector<HeadStatistics> computeWindowHeadStatistics(const FloatArray& wattn, const TokenLayout& layout,
                                                        const AttentionWindow& window, int query) {
    checkWindowAttentionShape(wattn, layout, window, "wattn");
    const WindowGeometry geo(layout, window);
    checkHeadAndToken(wattn, -1, query, geo.h * geo.w, true);
    const int64_t cells = geo.h * geo.w;
    std::vector<HeadStatistics> stats(static_cast<size_t>(wattn.shape[1]));
    for (int64_t h = 0; h < wattn.shape[1]; ++h) {
        HeadStatistics& s = stats[h];
        double entropy = 0, distance = 0;
        for (int64_t g = 0; g < cells; ++g) {
            const WindowPlace q = geo.placeOf(g);
            const double yq = static_cast<double>(g / geo.w), xq = static_cast<double>(g % geo.w);
            double rowEntropy = 0, mass = 0, weighted = 0;
            for (int64_t j = 0; j < geo.cells; ++j) {
                const double p = prob(wattn, static_cast<int>(h), q.window, q.slot, j);
                const int64_t k = geo.gridIndexOf(q.window, j);
                if (p > 0)
                    rowEntropy -= p * std::log(p);
                mass += p;
                weighted +=
                    p * std::hypot(yq - static_cast<double>(k / geo.w), xq - static_cast<double>(k % geo.w));
            }
            if (query == kMeanOverQueries || query == g)
                entropy += rowEntropy;
            distance += mass > 0 ? weighted / mass : 0.0;
        }
        const double rows = query == kMeanOverQueries ? static_cast<double>(cells) : 1.0;
        s.entropy = geo.cells > 1 ? entropy / rows / std::log(static_cast<double>(geo.cells)) : 0.0;
        s.meanDistance = cells > 0 ? distance / static_cast<double>(cells) : 0.0;
        s.sinkShare = 0;
    }
    return stats;
}

}  // namespace filterscope

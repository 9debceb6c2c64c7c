#include "metrics/MaskScores.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace filterscope {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void checkSizes(const FloatArray& a, const std::vector<uint8_t>& g) {
    if (a.data.size() != g.size() || g.empty())
        throw Error("map of " + std::to_string(a.data.size()) + " tokens scored against a mask of " +
                    std::to_string(g.size()));
}

double iou(const std::vector<uint8_t>& p, const std::vector<uint8_t>& g) {
    size_t both = 0, any = 0;
    for (size_t i = 0; i < g.size(); ++i) {
        both += p[i] && g[i];
        any += p[i] || g[i];
    }
    return any == 0 ? 1.0 : static_cast<double>(both) / static_cast<double>(any);
}

std::vector<double> normalised(const FloatArray& a) {
    const auto [lo, hi] = std::minmax_element(a.data.begin(), a.data.end());
    std::vector<double> z(a.data.size(), 0.0);
    if (*hi > *lo)
        for (size_t i = 0; i < z.size(); ++i)
            z[i] = (double(a.data[i]) - *lo) / (double(*hi) - *lo);
    return z;
}

double sum(const FloatArray& a) {
    double s = 0;
    for (float v : a.data)
        s += v;
    return s;
}

}  // namespace

double thresholdIou(const FloatArray& a, const std::vector<uint8_t>& g, double t) {
    checkSizes(a, g);
    const std::vector<double> z = normalised(a);
    std::vector<uint8_t> p(z.size());
    for (size_t i = 0; i < z.size(); ++i)
        p[i] = z[i] > t;
    return iou(p, g);
}

ThresholdIou bestThresholdIou(const FloatArray& a, const std::vector<uint8_t>& g) {
    ThresholdIou best{-1, 0};
    for (int k = 1; k <= 9; ++k) {
        const double t = k / 10.0;
        const double v = thresholdIou(a, g, t);
        if (v > best.iou)
            best = {v, t};
    }
    return best;
}

std::vector<uint8_t> massMask(const FloatArray& a, double share) {
    const double total = sum(a);
    std::vector<uint8_t> keep(a.data.size(), 0);
    if (!(total > 0))
        return keep;
    std::vector<size_t> order(a.data.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return a.data[x] < a.data[y]; });
    double cumulative = 0;
    for (size_t i : order) {
        cumulative += a.data[i] / total;
        keep[i] = cumulative > 1.0 - share;
    }
    return keep;
}

double massJaccard(const FloatArray& a, const std::vector<uint8_t>& g, double share) {
    checkSizes(a, g);
    if (!(sum(a) > 0))
        return kNaN;
    return iou(massMask(a, share), g);
}

double pointingHit(const FloatArray& a, const std::vector<uint8_t>& g) {
    checkSizes(a, g);
    const size_t peak = static_cast<size_t>(std::max_element(a.data.begin(), a.data.end()) - a.data.begin());
    return g[peak] ? 1.0 : 0.0;
}

double auroc(const FloatArray& a, const std::vector<uint8_t>& g) {
    checkSizes(a, g);
    const size_t n = g.size();
    const size_t positives = static_cast<size_t>(std::count(g.begin(), g.end(), 1));
    if (positives == 0 || positives == n)
        return kNaN;
    // Mid-ranks (ties share their average rank), then U of the positives.
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return a.data[x] < a.data[y]; });
    double rankSum = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && a.data[order[j + 1]] == a.data[order[i]])
            ++j;
        const double midRank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
        for (size_t k = i; k <= j; ++k)
            if (g[order[k]])
                rankSum += midRank;
        i = j + 1;
    }
    const double p = static_cast<double>(positives), q = static_cast<double>(n - positives);
    return (rankSum - p * (p + 1) / 2.0) / (p * q);
}

double foregroundMass(const FloatArray& a, const std::vector<uint8_t>& g) {
    checkSizes(a, g);
    double inside = 0, total = 0;
    for (size_t i = 0; i < g.size(); ++i) {
        total += a.data[i];
        if (g[i])
            inside += a.data[i];
    }
    return total != 0 ? inside / total : kNaN;
}

double rankAccuracy(const FloatArray& a, const std::vector<uint8_t>& g) {
    checkSizes(a, g);
    const size_t k = static_cast<size_t>(std::count(g.begin(), g.end(), 1));
    if (k == 0)
        return kNaN;
    std::vector<size_t> order(g.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return a.data[x] > a.data[y]; });
    size_t hits = 0;
    for (size_t i = 0; i < k; ++i)
        hits += g[order[i]];
    return static_cast<double>(hits) / static_cast<double>(k);
}

double foregroundBackgroundRatio(const FloatArray& a, const std::vector<uint8_t>& g) {
    checkSizes(a, g);
    double in = 0, out = 0;
    size_t nIn = 0, nOut = 0;
    for (size_t i = 0; i < g.size(); ++i) {
        if (g[i])
            in += a.data[i], ++nIn;
        else
            out += a.data[i], ++nOut;
    }
    if (nIn == 0 || nOut == 0 || out == 0)
        return kNaN;
    return (in / nIn) / (out / nOut);
}

}  // namespace filterscope

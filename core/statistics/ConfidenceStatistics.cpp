#include "statistics/ConfidenceStatistics.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace filterscope {
namespace {

double mean(const std::vector<double>& v) {
    double s = 0;
    for (double x : v)
        s += x;
    return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

// numpy.quantile's default (linear): position q·(n − 1) between the sorted values.
double quantile(std::vector<double> sorted, double q) {
    std::sort(sorted.begin(), sorted.end());
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const size_t lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

Interval bootstrapMean(const std::vector<double>& values) {
    if (values.empty())
        throw Error("bootstrap of no values");
    Interval out;
    out.mean = mean(values);
    const size_t n = values.size();
    std::mt19937_64 rng(kProbeSeed);
    std::vector<double> means(kBootstrapResamples);
    for (double& m : means) {
        double s = 0;
        for (size_t i = 0; i < n; ++i)
            s += values[rng() % n];
        m = s / static_cast<double>(n);
    }
    out.low = quantile(means, 0.025);
    out.high = quantile(means, 0.975);
    return out;
}

PairedDifference pairedDifference(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size() || a.empty())
        throw Error("paired comparison of " + std::to_string(a.size()) + " and " + std::to_string(b.size()) +
                    " values");
    std::vector<double> d(a.size());
    for (size_t i = 0; i < d.size(); ++i)
        d[i] = a[i] - b[i];
    PairedDifference out;
    out.difference = bootstrapMean(d);
    const double observed = std::abs(out.difference.mean);
    const double tolerance = 1e-12 * std::max(1.0, observed);
    const size_t n = d.size();
    auto flippedMean = [&](auto&& signOf) {
        double s = 0;
        for (size_t i = 0; i < n; ++i)
            s += signOf(i) ? -d[i] : d[i];
        return std::abs(s / static_cast<double>(n));
    };
    if (n <= 16) {
        const uint32_t patterns = 1u << n;
        uint32_t atLeast = 0;
        for (uint32_t p = 0; p < patterns; ++p)
            atLeast += flippedMean([&](size_t i) { return (p >> i) & 1u; }) >= observed - tolerance;
        out.pValue = static_cast<double>(atLeast) / patterns;
    } else {
        std::mt19937_64 rng(kProbeSeed + 1);
        int atLeast = 0;
        std::vector<uint8_t> sign(n);
        for (int k = 0; k < kPermutationFlips; ++k) {
            for (uint8_t& s : sign)
                s = rng() & 1u;
            atLeast += flippedMean([&](size_t i) { return sign[i] != 0; }) >= observed - tolerance;
        }
        out.pValue = (1.0 + atLeast) / (1.0 + kPermutationFlips);
    }
    return out;
}

}  // namespace filterscope

#include "metrics/ConcentrationScores.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

namespace filterscope {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> magnitudes(const FloatArray& a) {
    std::vector<double> m(a.data.size());
    for (size_t i = 0; i < m.size(); ++i)
        m[i] = std::abs(static_cast<double>(a.data[i]));
    return m;
}

double total(const std::vector<double>& m) {
    double s = 0;
    for (double v : m)
        s += v;
    return s;
}

}  // namespace

double gini(const FloatArray& a) {
    std::vector<double> b = magnitudes(a);
    const double n = static_cast<double>(b.size());
    if (b.empty())
        return kNaN;
    for (double& v : b)
        v += 1e-7;
    std::sort(b.begin(), b.end());
    double weighted = 0;
    for (size_t i = 0; i < b.size(); ++i)
        weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * b[i];
    return weighted / (n * total(b));
}

double normalisedEntropy(const FloatArray& a) {
    const std::vector<double> m = magnitudes(a);
    const double s = total(m);
    if (!(s > 0) || m.size() < 2)
        return kNaN;
    double h = 0;
    for (double v : m)
        if (v > 0)
            h -= (v / s) * std::log(v / s);
    return h / std::log(static_cast<double>(m.size()));
}

double topDecileMass(const FloatArray& a) {
    std::vector<double> m = magnitudes(a);
    const double s = total(m);
    if (!(s > 0))
        return kNaN;
    const size_t k = (m.size() + 9) / 10;
    std::partial_sort(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(k), m.end(), std::greater<double>());
    double top = 0;
    for (size_t i = 0; i < k; ++i)
        top += m[i];
    return top / s;
}

}  // namespace filterscope

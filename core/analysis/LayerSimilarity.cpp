#include "analysis/LayerSimilarity.h"

#include "common/Error.h"

#include <cmath>
#include <limits>

namespace filterscope {

namespace {

struct Rows {
    const float* data;
    int64_t n, c;
};

Rows rowsOf(const FloatArray& tokens) {
    const bool batched = tokens.dim() == 3 && tokens.shape[0] == 1;
    if (!(batched || tokens.dim() == 2))
        throw Error("layer similarity needs tokens [1,N,C], got " + tokens.shapeString());
    return {tokens.data.data(), tokens.shape[tokens.dim() - 2], tokens.shape[tokens.dim() - 1]};
}

std::vector<double> gram(const FloatArray& tokens, bool centre) {
    const Rows r = rowsOf(tokens);
    std::vector<double> x(r.data, r.data + r.n * r.c);
    if (centre)
        for (int64_t k = 0; k < r.c; ++k) {
            double mean = 0;
            for (int64_t i = 0; i < r.n; ++i)
                mean += x[i * r.c + k];
            mean /= double(r.n);
            for (int64_t i = 0; i < r.n; ++i)
                x[i * r.c + k] -= mean;
        }
    std::vector<double> g(static_cast<size_t>(r.n * r.n));
    for (int64_t i = 0; i < r.n; ++i)
        for (int64_t j = i; j < r.n; ++j) {
            double dot = 0;
            const double* a = &x[i * r.c];
            const double* b = &x[j * r.c];
            for (int64_t k = 0; k < r.c; ++k)
                dot += a[k] * b[k];
            g[i * r.n + j] = g[j * r.n + i] = dot;
        }
    return g;
}

double frobeniusDot(const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i)
        s += a[i] * b[i];
    return s;
}

}  // namespace

std::vector<double> centredGram(const FloatArray& tokens) {
    return gram(tokens, true);
}
std::vector<double> linearGram(const FloatArray& tokens) {
    return gram(tokens, false);
}

double ckaFromGrams(const std::vector<double>& k, const std::vector<double>& l) {
    if (k.size() != l.size())
        return std::numeric_limits<double>::quiet_NaN();
    const double kk = frobeniusDot(k, k), ll = frobeniusDot(l, l);
    if (kk <= 0 || ll <= 0)
        return std::numeric_limits<double>::quiet_NaN();
    return frobeniusDot(k, l) / std::sqrt(kk * ll);
}

double linearCka(const FloatArray& x, const FloatArray& y) {
    if (rowsOf(x).n != rowsOf(y).n)
        return std::numeric_limits<double>::quiet_NaN();
    return ckaFromGrams(centredGram(x), centredGram(y));
}

CkaMatrix computeCkaMatrix(const std::vector<std::string>& stages,
                           const std::vector<const FloatArray*>& tokens) {
    if (stages.size() != tokens.size())
        throw Error("layer similarity: " + std::to_string(stages.size()) + " stages but " +
                    std::to_string(tokens.size()) + " token sets");
    std::vector<std::vector<double>> grams;
    for (const FloatArray* t : tokens)
        grams.push_back(centredGram(*t));
    return ckaMatrixOfGrams(stages, grams);
}

FloatArray crossCka(const std::vector<std::vector<float>>& a, const std::vector<std::vector<float>>& b) {
    const auto dot = [](const std::vector<float>& x, const std::vector<float>& y) {
        double s = 0;
        for (size_t i = 0; i < x.size(); ++i)
            s += double(x[i]) * y[i];
        return s;
    };
    FloatArray m({static_cast<int64_t>(a.size()), static_cast<int64_t>(b.size())});
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = 0; j < b.size(); ++j) {
            const double kk = dot(a[i], a[i]), ll = dot(b[j], b[j]);
            m.data[i * b.size() + j] = a[i].size() != b[j].size() || kk <= 0 || ll <= 0
                                           ? std::numeric_limits<float>::quiet_NaN()
                                           : static_cast<float>(dot(a[i], b[j]) / std::sqrt(kk * ll));
        }
    return m;
}

CkaMatrix ckaMatrixOfGrams(const std::vector<std::string>& stages,
                           const std::vector<std::vector<double>>& grams) {
    const int64_t s = static_cast<int64_t>(stages.size());
    CkaMatrix m{stages, FloatArray({s, s})};
    for (int64_t i = 0; i < s; ++i)
        for (int64_t j = i; j < s; ++j)
            m.values.data[i * s + j] = m.values.data[j * s + i] =
                static_cast<float>(ckaFromGrams(grams[i], grams[j]));
    return m;
}

double unbiasedHsic(const std::vector<double>& k, const std::vector<double>& l, int64_t n) {
    if (n < 4)
        throw Error("unbiased HSIC needs at least 4 samples, got " + std::to_string(n));
    // K̃, L̃: the Grams with their diagonals set to zero.
    double trace = 0, sumK = 0, sumL = 0, cross = 0;
    std::vector<double> rowK(static_cast<size_t>(n), 0.0), rowL(static_cast<size_t>(n), 0.0);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) {
            if (i == j)
                continue;
            const double a = k[i * n + j], b = l[i * n + j];
            trace += a * b;  // tr(K̃L̃) = Σ_ij K̃_ij L̃_ji, both symmetric
            sumK += a;
            sumL += b;
            rowK[i] += a;
            rowL[i] += b;
        }
    for (int64_t i = 0; i < n; ++i)
        cross += rowK[i] * rowL[i];  // 1ᵀK̃L̃1 = Σ_i (K̃1)_i (L̃1)_i
    const double dn = double(n);
    return (trace + sumK * sumL / ((dn - 1) * (dn - 2)) - 2.0 / (dn - 2) * cross) / (dn * (dn - 3));
}

void MinibatchCka::add(const FloatArray& x, const FloatArray& y) {
    const int64_t n = rowsOf(x).n;
    if (rowsOf(y).n != n)
        throw Error("minibatch CKA: the two stages hold " + std::to_string(n) + " and " +
                    std::to_string(rowsOf(y).n) + " tokens");
    const std::vector<double> k = linearGram(x), l = linearGram(y);
    kl_ += unbiasedHsic(k, l, n);
    kk_ += unbiasedHsic(k, k, n);
    ll_ += unbiasedHsic(l, l, n);
    ++batches_;
}

double MinibatchCka::value() const {
    if (batches_ == 0 || kk_ <= 0 || ll_ <= 0)
        return std::numeric_limits<double>::quiet_NaN();
    return kl_ / std::sqrt(kk_ * ll_);
}

}  // namespace filterscope

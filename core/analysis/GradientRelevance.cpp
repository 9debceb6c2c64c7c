#include "analysis/GradientRelevance.h"

#include "common/Error.h"

#include <algorithm>

namespace filterscope {
namespace {

using Matrix = std::vector<double>;  // row-major

Matrix identity(int64_t n) {
    Matrix m(static_cast<size_t>(n * n), 0.0);
    for (int64_t i = 0; i < n; ++i)
        m[i * n + i] = 1.0;
    return m;
}

// (a: r×k) · (b: k×c)
Matrix multiply(const Matrix& a, const Matrix& b, int64_t r, int64_t k, int64_t c) {
    Matrix out(static_cast<size_t>(r * c), 0.0);
    for (int64_t i = 0; i < r; ++i)
        for (int64_t j = 0; j < k; ++j) {
            const double aij = a[i * k + j];
            if (aij == 0.0)
                continue;
            for (int64_t l = 0; l < c; ++l)
                out[i * c + l] += aij * b[j * c + l];
        }
    return out;
}

Matrix transpose(const Matrix& a, int64_t r, int64_t c) {
    Matrix out(a.size());
    for (int64_t i = 0; i < r; ++i)
        for (int64_t j = 0; j < c; ++j)
            out[j * r + i] = a[i * c + j];
    return out;
}

void addInPlace(Matrix& a, const Matrix& b) {
    for (size_t i = 0; i < a.size(); ++i)
        a[i] += b[i];
}

// rownorm(R − I) + I
Matrix normalised(const Matrix& r, int64_t n) {
    Matrix out(r.size());
    for (int64_t i = 0; i < n; ++i) {
        double sum = 0;
        for (int64_t j = 0; j < n; ++j)
            sum += r[i * n + j] - (i == j ? 1.0 : 0.0);
        for (int64_t j = 0; j < n; ++j) {
            const double v = r[i * n + j] - (i == j ? 1.0 : 0.0);
            out[i * n + j] = (sum != 0.0 ? v / sum : 0.0) + (i == j ? 1.0 : 0.0);
        }
    }
    return out;
}

// Ā over heads of an [1,H,R,C] capture, gradient-weighted and clamped when a gradient is given.
Matrix headMean(const FloatArray& a, const FloatArray* grad) {
    const int64_t heads = a.shape[1], plane = a.shape[2] * a.shape[3];
    Matrix out(static_cast<size_t>(plane), 0.0);
    for (int64_t h = 0; h < heads; ++h)
        for (int64_t i = 0; i < plane; ++i) {
            const double v = grad ? std::max(0.0, double(grad->data[h * plane + i]) * a.data[h * plane + i])
                                  : double(a.data[h * plane + i]);
            out[i] += v / heads;
        }
    return out;
}

}  // namespace

QueryRelevance computeQueryRelevance(const CaptureSet& captures, const CaptureSet* gradients,
                                     const TokenLayout& layout) {
    const int64_t n = layout.tokenCount();
    int64_t m = layout.queries;
    for (const Capture& c : captures.all())
        if (CaptureKey::parse(c.key).kind == CaptureKind::CrossAttention && c.value.dim() == 4)
            m = c.value.shape[2];
    if (m <= 0)
        throw Error("query relevance needs xattn.* captures (learned queries over the grid)");

    Matrix rii = identity(n), rqq = identity(m), rqi(static_cast<size_t>(m * n), 0.0);
    QueryRelevance result;
    result.gradientWeighted = gradients != nullptr;
    for (const Capture& c : captures.all()) {
        const CaptureKey key = CaptureKey::parse(c.key);
        if (key.kind != CaptureKind::Attention && key.kind != CaptureKind::CrossAttention)
            continue;
        const FloatArray* grad = gradients ? gradients->find(c.key) : nullptr;
        if (gradients && !grad)
            continue;  // this layer does not influence the target
        if (grad && grad->shape != c.value.shape)
            throw Error("gradient of '" + c.key + "' has shape " + grad->shapeString() + ", the capture " +
                        c.value.shapeString());
        const Matrix a = headMean(c.value, grad);
        const auto& s = c.value.shape;
        if (key.kind == CaptureKind::CrossAttention) {
            if (s[2] != m || s[3] != n)
                throw Error("capture '" + c.key + "' must be [1,H," + std::to_string(m) + "," +
                            std::to_string(n) + "], got " + c.value.shapeString());
            const Matrix left = transpose(normalised(rqq, m), m, m);
            addInPlace(rqi, multiply(multiply(left, a, m, m, n), normalised(rii, n), m, n, n));
        } else if (s[2] == n) {
            addInPlace(rii, multiply(a, rii, n, n, n));
        } else if (s[2] == m) {
            addInPlace(rqi, multiply(a, rqi, m, m, n));
            addInPlace(rqq, multiply(a, rqq, m, m, m));
        } else {
            continue;
        }
        result.layers.push_back(c.key);
    }
    std::vector<int64_t> shape{m};
    shape.insert(shape.end(), layout.grid.begin(), layout.grid.end());
    result.maps = FloatArray(shape);
    const int64_t cells = layout.gridTokenCount();
    for (int64_t q = 0; q < m; ++q)
        for (int64_t g = 0; g < cells; ++g)
            result.maps.data[q * cells + g] = static_cast<float>(rqi[q * n + layout.prefix + g]);
    return result;
}

}  // namespace filterscope

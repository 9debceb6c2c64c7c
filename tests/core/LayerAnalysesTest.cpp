// Closed forms for the layer analyses: CKA(X, XQ) = 1 for an orthogonal Q and is invariant to scaling; a
// planted massive activation is found at its token and channel; planted sink dimensions give φ ≥ 20 on
// exactly the planted tokens; MAD outliers; the unbiased HSIC against a brute-force sum; the Fourier curve
// of a single cosine; faithfulness geometry (ranking, steps, patches, AUC).
#include "TestMain.h"
#include "analysis/Faithfulness.h"
#include "analysis/FourierDepthCurve.h"
#include "analysis/LayerSimilarity.h"
#include "analysis/TokenStatistics.h"
#include "common/Error.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace filterscope;

namespace {

FloatArray randomTokens(int64_t n, int64_t c, unsigned seed, float scale = 1.0f) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, scale);
    FloatArray t({1, n, c});
    for (float& v : t.data)
        v = g(rng);
    return t;
}

// X·Q for a random orthogonal Q (Gram–Schmidt on Gaussian columns).
FloatArray rotated(const FloatArray& x, unsigned seed) {
    const int64_t n = x.shape[1], c = x.shape[2];
    std::mt19937 rng(seed);
    std::normal_distribution<double> g;
    std::vector<double> q(static_cast<size_t>(c * c));
    for (double& v : q)
        v = g(rng);
    for (int64_t j = 0; j < c; ++j) {  // columns j of q, orthonormalised
        for (int64_t k = 0; k < j; ++k) {
            double dot = 0;
            for (int64_t i = 0; i < c; ++i)
                dot += q[i * c + j] * q[i * c + k];
            for (int64_t i = 0; i < c; ++i)
                q[i * c + j] -= dot * q[i * c + k];
        }
        double norm = 0;
        for (int64_t i = 0; i < c; ++i)
            norm += q[i * c + j] * q[i * c + j];
        for (int64_t i = 0; i < c; ++i)
            q[i * c + j] /= std::sqrt(norm);
    }
    FloatArray y({1, n, c});
    for (int64_t r = 0; r < n; ++r)
        for (int64_t j = 0; j < c; ++j) {
            double s = 0;
            for (int64_t k = 0; k < c; ++k)
                s += double(x.data[r * c + k]) * q[k * c + j];
            y.data[r * c + j] = static_cast<float>(s);
        }
    return y;
}

}  // namespace

class LayerAnalysesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ckaIsOneUnderRotationAndScaling() {
        const FloatArray x = randomTokens(50, 12, 1);
        const FloatArray xq = rotated(x, 2);
        QVERIFY(std::abs(linearCka(x, xq) - 1.0) < 1e-6);
        FloatArray scaled = x;
        for (float& v : scaled.data)
            v *= 37.5f;
        QVERIFY(std::abs(linearCka(x, scaled) - 1.0) < 1e-6);
        // A column offset is removed by centring.
        FloatArray shifted = x;
        for (int64_t i = 0; i < 50; ++i)
            shifted.data[i * 12 + 3] += 100.0f;
        QVERIFY(std::abs(linearCka(x, shifted) - 1.0) < 1e-6);
        // Independent features are far from 1, and the measure is symmetric.
        const FloatArray y = randomTokens(50, 7, 9);
        const double a = linearCka(x, y), b = linearCka(y, x);
        QVERIFY(a < 0.6);
        QCOMPARE(a, b);
        // Different token counts: not comparable.
        QVERIFY(std::isnan(linearCka(x, randomTokens(49, 12, 3))));
        const CkaMatrix m = computeCkaMatrix({"a", "b", "c"}, {&x, &xq, &y});
        QCOMPARE(m.values.shape, (std::vector<int64_t>{3, 3}));
        QVERIFY(std::abs(m.values.data[1] - 1.0f) < 1e-5f);
        QCOMPARE(m.values.data[2], m.values.data[6]);
        QCOMPARE(m.values.data[4], 1.0f);
    }

    void unbiasedHsicMatchesItsDefinition() {
        // Song et al. 2012, eq. 5, summed term by term over distinct index tuples.
        const int64_t n = 7;
        const FloatArray x = randomTokens(n, 3, 4), y = randomTokens(n, 5, 5);
        const std::vector<double> k = linearGram(x), l = linearGram(y);
        auto K = [&](int i, int j) { return i == j ? 0.0 : k[i * n + j]; };
        auto L = [&](int i, int j) { return i == j ? 0.0 : l[i * n + j]; };
        double trace = 0, sumK = 0, sumL = 0, cross = 0;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) {
                trace += K(i, j) * L(j, i);
                sumK += K(i, j);
                sumL += L(i, j);
                for (int m = 0; m < n; ++m)
                    cross += K(i, j) * L(j, m);
            }
        const double want =
            (trace + sumK * sumL / ((n - 1.0) * (n - 2.0)) - 2.0 / (n - 2.0) * cross) / (n * (n - 3.0));
        QVERIFY(std::abs(unbiasedHsic(k, l, n) - want) < 1e-9 * std::max(1.0, std::abs(want)));
        MinibatchCka same;
        same.add(x, x);
        same.add(y, y);
        QVERIFY(std::abs(same.value() - 1.0) < 1e-12);
        MinibatchCka rotatedPair;
        rotatedPair.add(x, rotated(x, 8));
        QVERIFY(std::abs(rotatedPair.value() - 1.0) < 1e-6);
        QVERIFY_THROWS_EXCEPTION(Error, rotatedPair.add(x, randomTokens(6, 5, 1)));  // different token counts
    }

    void findsAPlantedMassiveActivation() {
        FloatArray t = randomTokens(40, 16, 6);
        t.data[17 * 16 + 11] = -250.0f;  // token 17, channel 11, negative: |x| counts
        t.data[3 * 16 + 2] = 90.0f;
        const TokenStatistics s = computeTokenStatistics(t);
        QCOMPARE(s.top[0].token, int64_t(17));
        QCOMPARE(s.top[0].channel, int64_t(11));
        QCOMPARE(s.top[0].value, 250.0f);
        QCOMPARE(s.top[1].token, int64_t(3));
        QCOMPARE(s.top[1].channel, int64_t(2));
        QVERIFY(s.massiveRatio > 250.0 / 1.0);  // the median |x| of N(0,1) is about 0.67
        // The token holding it is a norm outlier, and only it and token 3 are.
        QCOMPARE(s.outliers, (std::vector<int64_t>{3, 17}));
    }

    void plantedSinkDimensionsMarkExactlyThePlantedTokens() {
        // φ ≤ sqrt(C) for any token, so a sink (φ ≥ 20) needs a wide model: C = 1024 here (LLaMA-2-7B: 4096).
        FloatArray t = randomTokens(30, 1024, 7);
        const std::vector<int64_t> planted = {0, 5, 21};
        for (int64_t i : planted) {
            t.data[i * 1024 + 40] = 80.0f;
            t.data[i * 1024 + 9] = -75.0f;
        }
        // Declared dimensions (as plugin.json's sink_dims), and found ones: both give the planted tokens.
        const TokenStatistics declared = computeTokenStatistics(t, {40, 9});
        QCOMPARE(declared.sinks, planted);
        QVERIFY(declared.sinkDimsDeclared);
        const TokenStatistics found = computeTokenStatistics(t);
        QCOMPARE(found.sinkDims, (std::vector<int64_t>{40, 9}));
        QCOMPARE(found.sinks, planted);
        for (int64_t i = 0; i < 30; ++i) {
            const bool sink = std::find(planted.begin(), planted.end(), i) != planted.end();
            QVERIFY2(sink ? found.phi[i] >= 20 : found.phi[i] < 20, qPrintable(QString::number(i)));
        }
        // φ of a planted token by hand: 60 / RMS.
        double sum = 0;
        for (int64_t c = 0; c < 1024; ++c)
            sum += double(t.data[5 * 1024 + c]) * t.data[5 * 1024 + c];
        QVERIFY(std::abs(found.phi[5] - 80.0 / std::sqrt(sum / 1024)) < 1e-4);
        QVERIFY_THROWS_EXCEPTION(Error, computeTokenStatistics(t, {1024}));
    }

    void medianAndMadAreNumpys() {
        QCOMPARE(medianOf({3, 1, 2}), 2.0);
        QCOMPARE(medianOf({4, 1, 3, 2}), 2.5);
        // Norms 1,2,3,4,100 (one channel): median 3, MAD 1, threshold 3 + 5·1.4826 = 10.413.
        const FloatArray t({1, 5, 1}, {1, -2, 3, 4, 100});
        const TokenStatistics s = computeTokenStatistics(t);
        QCOMPARE(s.medianNorm, 3.0);
        QCOMPARE(s.madNorm, 1.0);
        QVERIFY(std::abs(s.outlierThreshold - (3 + 5 * 1.4826)) < 1e-12);
        QCOMPARE(s.outliers, (std::vector<int64_t>{4}));
        QCOMPARE(computeTokenStatistics(t, {}, 100.0).outliers.size(), size_t(0));
    }

    void fourierCurveOfACosine() {
        // One channel cos(2π·2·(x+y)/8) on an 8×8 grid: all amplitude at (2,2) and (6,6); the curve rises at
        // k = 2 and is log(1e-6) − log(1e-6) = 0 relative to DC elsewhere except DC's own log(1e-6)…
        const int h = 8;
        TokenLayout layout;
        layout.grid = {h, h};
        FloatArray t({1, h * h, 1});
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < h; ++x)
                t.data[y * h + x] = static_cast<float>(std::cos(2 * M_PI * 2 * (x + y) / h));
        const FloatArray curve = computeFourierDepthCurve(t, layout);
        QCOMPARE(curve.shape, (std::vector<int64_t>{h - h / 2}));
        QCOMPARE(curve.data[0], 0.0f);
        // |F(2,2)| = h²/2 = 32; DC ≈ 0: Δ = log(32 + 1e-6) − log(|F(0,0)| + 1e-6).
        const double dc = std::log(1e-6 + 0.0);
        QVERIFY(std::abs(curve.data[2] - (std::log(32.0 + 1e-6) - dc)) < 1e-3);
        QVERIFY(std::abs(curve.data[1]) < 1e-3 && std::abs(curve.data[3]) < 1e-3);
        layout.grid = {4, 16};
        QVERIFY_THROWS_EXCEPTION(Error, computeFourierDepthCurve(FloatArray({1, 64, 1}), layout));
    }

    void faithfulnessGeometry() {
        QCOMPARE(roundHalfEven(2.5), int64_t(2));
        QCOMPARE(roundHalfEven(3.5), int64_t(4));
        QCOMPARE(roundHalfEven(24.5), int64_t(24));
        QCOMPARE(faithfulnessSteps(196), 16);
        QCOMPARE(faithfulnessSteps(9), 9);
        QCOMPARE(cellsAtStep(2, 196, 16), int64_t(24));  // 24.5, to even
        QCOMPARE(cellsAtStep(16, 196, 16), int64_t(196));
        const FloatArray map({2, 3}, {1, 5, 5, 0, 2, 9});
        QCOMPARE(rankCells(map), (std::vector<int64_t>{5, 1, 2, 4, 0, 3}));  // ties keep grid order
        // A 1×3×4×6 input, 2×3 grid: cell (1,2) = rows 2..3, columns 4..5.
        FloatArray input({1, 3, 4, 6});
        for (size_t i = 0; i < input.data.size(); ++i)
            input.data[i] = 1.0f + float(i);
        const FloatArray deleted = perturbInput(input, rankCells(map), 1, 2, 3, false);
        const FloatArray inserted = perturbInput(input, rankCells(map), 1, 2, 3, true);
        for (int c = 0; c < 3; ++c)
            for (int y = 0; y < 4; ++y)
                for (int x = 0; x < 6; ++x) {
                    const size_t at = (size_t(c) * 4 + y) * 6 + x;
                    const bool inCell = y >= 2 && x >= 4;
                    QCOMPARE(deleted.data[at], inCell ? 0.0f : input.data[at]);
                    QCOMPARE(inserted.data[at], inCell ? input.data[at] : 0.0f);
                }
        QCOMPARE(curveAuc({1, 1, 1}), 1.0);
        QCOMPARE(curveAuc({0, 1}), 0.5);
        QVERIFY(std::abs(curveAuc({1.0f, 0.0f, 0.0f, 0.0f}) - 1.0 / 6) < 1e-12);  // (1 − 0.5)/3
    }
};

FILTERSCOPE_TEST_MAIN(LayerAnalysesTest)
#include "LayerAnalysesTest.moc"

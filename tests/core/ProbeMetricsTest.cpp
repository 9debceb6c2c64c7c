// Closed forms of the dataset probe's metrics and statistics; tests/python/check_probe.py compares them
// with numpy/scipy on real photos and masks.
#include "TestMain.h"
#include "metrics/ConcentrationScores.h"
#include "metrics/MaskScores.h"
#include "metrics/TokenMask.h"
#include "statistics/ConfidenceStatistics.h"

#include <QtTest>

#include <cmath>
#include <numeric>

using namespace filterscope;

namespace {

FloatArray mapOf(std::vector<float> v) {
    const auto n = static_cast<int64_t>(v.size());
    return FloatArray({n}, std::move(v));
}

}  // namespace

class ProbeMetricsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void oneHotMap() {
        const int n = 49;
        std::vector<float> v(n, 0.0f);
        v[17] = 3.0f;
        const FloatArray a = mapOf(v);
        // Gini of ascending b = (1e-7 …, 3 + 1e-7): (n − 1)/n up to the 1e-7 floor.
        QVERIFY(std::abs(gini(a) - double(n - 1) / n) < 1e-5);
        QCOMPARE(normalisedEntropy(a), 0.0);
        QCOMPARE(topDecileMass(a), 1.0);
        std::vector<uint8_t> g(n, 0);
        g[17] = g[18] = 1;
        QCOMPARE(pointingHit(a, g), 1.0);
        g[17] = 0;
        QCOMPARE(pointingHit(a, g), 0.0);
    }

    void uniformMap() {
        const FloatArray a = mapOf(std::vector<float>(16, 0.25f));
        QVERIFY(std::abs(gini(a)) < 1e-9);
        QVERIFY(std::abs(normalisedEntropy(a) - 1.0) < 1e-12);
        QCOMPARE(topDecileMass(a), 2.0 / 16);  // ⌈16/10⌉ = 2 tokens
        // A constant map normalises to z = 0: nothing is above any t, so IoU is 0 against a non-empty mask
        std::vector<uint8_t> g(16, 0);
        g[3] = 1;
        QCOMPARE(bestThresholdIou(a, g).iou, 0.0);
        QCOMPARE(bestThresholdIou(a, std::vector<uint8_t>(16, 0)).iou, 1.0);  // … and 1 (empty union) without
    }

    void mapEqualToTheMask() {
        std::vector<uint8_t> g(60, 0);
        for (int i : {3, 4, 5, 13, 14, 15, 23, 24, 25, 33})
            g[i] = 1;
        std::vector<float> v(g.begin(), g.end());
        const FloatArray a = mapOf(v);
        QCOMPARE(auroc(a, g), 1.0);
        const ThresholdIou best = bestThresholdIou(a, g);
        QCOMPARE(best.iou, 1.0);
        QCOMPARE(best.t, 0.1);
        QCOMPARE(thresholdIou(a, g, 0.5), 1.0);
        QCOMPARE(foregroundMass(a, g), 1.0);
        QCOMPARE(rankAccuracy(a, g), 1.0);
        // 60% of the mass: 6 of g's 10 tokens (the ones after the first 40% of the cumulative sum), ±1.
        const std::vector<uint8_t> kept = massMask(a, 0.6);
        const int count = std::accumulate(kept.begin(), kept.end(), 0);
        QVERIFY2(std::abs(count - 6) <= 1, qPrintable(QString::number(count)));
        QCOMPARE(massJaccard(a, g), count / 10.0);
        // Inverted map: AUROC 0; ties count ½ — an all-equal map gives 0.5.
        std::vector<float> inverse(v.size());
        for (size_t i = 0; i < v.size(); ++i)
            inverse[i] = 1.0f - v[i];
        QCOMPARE(auroc(mapOf(inverse), g), 0.0);
        QCOMPARE(auroc(mapOf(std::vector<float>(60, 2.0f)), g), 0.5);
        QVERIFY(std::isnan(auroc(a, std::vector<uint8_t>(60, 0))));
        QVERIFY(std::isnan(auroc(a, std::vector<uint8_t>(60, 1))));
        QVERIFY(std::isnan(foregroundBackgroundRatio(a, std::vector<uint8_t>(60, 1))));
    }

    void maskToTokens() {
        // 4×4 input, 2×2 grid: each token averages a 2×2 block; g = fraction ≥ 0.5.
        const std::vector<uint8_t> px = {1, 1, 0, 0,  //
                                         1, 0, 0, 0,  //
                                         0, 0, 1, 1,  //
                                         0, 0, 0, 1};
        const TokenMask m = tokenMask(px, 4, 4, 2, 2);
        QCOMPARE(m.fraction, (std::vector<float>{0.75f, 0.0f, 0.0f, 0.75f}));
        QCOMPARE(m.tokens, (std::vector<uint8_t>{1, 0, 0, 1}));
        QCOMPARE(m.foregroundPixels, 6);
    }

    void bootstrapAndPairedClosedForms() {
        const std::vector<double> v = {0.2, 0.4, 0.4, 0.9, 0.1, 0.5, 0.7, 0.3};
        const Interval ci = bootstrapMean(v);
        QCOMPARE(ci.mean, 3.5 / 8);
        QVERIFY(ci.low < ci.mean && ci.mean < ci.high);
        QVERIFY(ci.low >= 0.1 && ci.high <= 0.9);
        QCOMPARE(bootstrapMean(v).low, ci.low);  // seeded: the same every time
        const PairedDifference same = pairedDifference(v, v);
        QCOMPARE(same.difference.mean, 0.0);
        QCOMPARE(same.pValue, 1.0);
        // Every difference +1: only the two all-same-sign patterns of 2^8 reach |mean| = 1.
        std::vector<double> shifted = v;
        for (double& x : shifted)
            x -= 1.0;
        const PairedDifference up = pairedDifference(v, shifted);
        QCOMPARE(up.difference.mean, 1.0);
        QCOMPARE(up.pValue, 2.0 / 256);
        // 20 pairs: the Monte Carlo path, p = (1 + k)/(1 + 10000) with k ≈ 2·10000/2^20 → about 1e-4.
        std::vector<double> a(20, 1.0), b(20, 0.0);
        QVERIFY(pairedDifference(a, b).pValue < 1e-3);
        QCOMPARE(pairedDifference(a, a).pValue, 1.0);
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(ProbeMetricsTest)
#include "ProbeMetricsTest.moc"

// Closed-form cases for every analysis of the foundation issue; the numpy comparison on real captures
// is tests/python/check_demo_maps.py.
#include "TestMain.h"
#include "analysis/ActivationAnalysis.h"
#include "analysis/FrequencyAnalysis.h"
#include "analysis/MapStatistics.h"
#include "analysis/SpatialSpectrumAnalysis.h"
#include "analysis/StageDifference.h"
#include "analysis/TokenNormAnalysis.h"
#include "common/Error.h"

#include <QtTest>

#include <cmath>

using namespace filterscope;

namespace {

TokenLayout grid(int h, int w, int prefix) {
    TokenLayout l;
    l.grid = {h, w};
    l.prefix = prefix;
    return l;
}

// [1, prefix + h*w, C] filled by f(token, channel); prefix tokens get 100 + channel.
template <typename F>
FloatArray tokens(const TokenLayout& l, int C, F f) {
    FloatArray t({1, l.tokenCount(), C});
    for (int64_t i = 0; i < l.tokenCount(); ++i)
        for (int c = 0; c < C; ++c)
            t.data[i * C + c] = i < l.prefix ? 100.0f + c : static_cast<float>(f(i - l.prefix, c));
    return t;
}

}  // namespace

class AnalysisClosedFormTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void normsOfKnownVectorsAndPrefixKeptApart() {
        const TokenLayout l = grid(1, 2, 1);
        const FloatArray t =
            tokens(l, 2, [](int64_t i, int c) { return i == 0 ? (c == 0 ? 3 : 4) : (c == 0 ? 5 : 12); });
        const TokenNorms n = computeTokenNorms(t, l);
        QCOMPARE(n.grid.shape, (std::vector<int64_t>{1, 2}));
        QCOMPARE(n.grid.data[0], 5.0f);
        QCOMPARE(n.grid.data[1], 13.0f);
        QCOMPARE(n.prefix.size(), size_t(1));
        QCOMPARE(n.prefix[0], static_cast<float>(std::sqrt(100.0 * 100 + 101.0 * 101)));
    }

    void equalTokensGiveZeroActivationAndFrequency() {
        const TokenLayout l = grid(3, 4, 1);
        const FloatArray t = tokens(l, 16, [](int64_t, int c) { return std::sin(0.7 * c) + 0.1 * c; });
        for (float v : computeActivationMap(t, l).data)
            QCOMPARE(v, 0.0f);
        for (float v : computeFrequencyMap(t, l).data)
            QCOMPARE(v, 0.0f);
    }

    void activationIsDistanceFromTheGridMean() {
        const TokenLayout l = grid(1, 2, 1);  // CLS (far away) must not enter the mean
        const FloatArray t = tokens(l, 3, [](int64_t i, int c) { return i == 0 ? 0.0 : 2.0 * (c + 1); });
        const FloatArray a = computeActivationMap(t, l);
        const float expected = static_cast<float>(std::sqrt(1.0 + 4.0 + 9.0));  // half of ||(2,4,6)||
        QCOMPARE(a.data[0], expected);
        QCOMPARE(a.data[1], expected);
    }

    void phaseRules() {
        double p[5];
        const float impulse[4] = {1, 0, 0, 0};  // X = 1,1,1,1
        channelPhases(impulse, 4, p);
        for (int k = 0; k < 4; ++k)
            QCOMPARE(p[k], 0.0);
        const float negative[4] = {-1, 0, 0, 0};  // X = −1 everywhere: π, never −π
        channelPhases(negative, 4, p);
        for (int k = 0; k < 4; ++k)
            QCOMPARE(p[k], M_PI);
        const float shifted[4] = {0, 1, 0, 0};  // X_k = e^{−iπk/2} = 1, −i, −1, i
        channelPhases(shifted, 4, p);
        QCOMPARE(p[0], 0.0);
        QVERIFY(std::abs(p[1] + M_PI / 2) < 1e-12);
        QCOMPARE(p[2], M_PI);
        QVERIFY(std::abs(p[3] - M_PI / 2) < 1e-12);
        const float alternating[4] = {1, -1, 1, -1};  // channels sum to 0 (as after LayerNorm): X = 0,0,4,0
        channelPhases(alternating, 4, p);
        for (int k = 0; k < 4; ++k)
            QCOMPARE(p[k], 0.0);
        // Odd length, a cosine at bin 2 with phase 0.6: only bins 2 and 3 are non-zero.
        float wave[5];
        for (int n = 0; n < 5; ++n)
            wave[n] = static_cast<float>(std::cos(2 * M_PI * 2 * n / 5 + 0.6));
        channelPhases(wave, 5, p);
        QCOMPARE(p[0], 0.0);  // |X_0| ~ 1e-7 ≤ 1e-5 · max: treated as zero
        QCOMPARE(p[1], 0.0);
        QVERIFY(std::abs(p[2] - 0.6) < 1e-6);
        QVERIFY(std::abs(p[3] + 0.6) < 1e-6);
        QCOMPARE(p[4], 0.0);
    }

    void frequencyMapOfTwoTokens() {
        // Token 0 = impulse (phases all 0), token 1 = shifted impulse (0, −π/2, π, π/2): p̄ is their
        // mean, each distance is half of ||p_1 − p_0||.
        const TokenLayout l = grid(1, 2, 0);
        const FloatArray t =
            tokens(l, 4, [](int64_t i, int c) { return c == static_cast<int>(i) ? 1.0 : 0.0; });
        const FloatArray f = computeFrequencyMap(t, l);
        const double half = 0.5 * std::sqrt(M_PI * M_PI / 4 + M_PI * M_PI + M_PI * M_PI / 4);
        QVERIFY(std::abs(f.data[0] - half) < 1e-6);
        QVERIFY(std::abs(f.data[1] - half) < 1e-6);
    }

    void cosineOverTheGridHasPowerAtOneRadius_data() {
        QTest::addColumn<int>("k");
        QTest::addColumn<double>("hfRatio");
        QTest::newRow("k=2, r=0.25 (not above the cut)") << 2 << 0.0;
        QTest::newRow("k=3, r=0.375") << 3 << 1.0;
        QTest::newRow("k=1, r=0.125") << 1 << 0.0;
    }
    void cosineOverTheGridHasPowerAtOneRadius() {
        QFETCH(int, k);
        QFETCH(double, hfRatio);
        const int h = 8, w = 8, C = 2;
        const TokenLayout l = grid(h, w, 1);
        // Channel c: 5 + (c+1)·cos(2π k y / h); the constant 5 is DC, which is excluded.
        const FloatArray t = tokens(
            l, C, [&](int64_t i, int c) { return 5 + (c + 1) * std::cos(2 * M_PI * k * (i / w) / h); });
        const SpatialSpectrum s = computeSpatialSpectrum(t, l);
        // |F(±k,0)| = h·w/2 per unit amplitude; power averaged over channels: (1 + 4)/2 · (32)².
        const double peak = 2.5 * 32.0 * 32.0;
        QCOMPARE(s.centredPower.shape, (std::vector<int64_t>{h, w}));
        for (int u = 0; u < h; ++u)
            for (int v = 0; v < w; ++v) {
                const bool atPeak = v == w / 2 && (u == h / 2 + k || u == h / 2 - k);
                const double got = s.centredPower.data[u * w + v];
                QVERIFY2(std::abs(got - (atPeak ? peak : 0.0)) < 1e-6 * peak,
                         qPrintable(QStringLiteral("%1,%2: %3").arg(u).arg(v).arg(got)));
            }
        QVERIFY(std::abs(s.totalPower - 2 * peak) < 1e-6 * peak);
        QCOMPARE(s.highFrequencyRatio, hfRatio);
        // Radial profile: the only non-empty ring with power is the one at radius k/8.
        for (size_t b = 0; b < s.radius.size(); ++b) {
            if (std::abs(s.radius[b] - k / 8.0) < 1e-6)
                QVERIFY(s.ringPower[b] > 0);
            else
                QVERIFY2(s.ringPower[b] < 1e-6 * peak, qPrintable(QString::number(s.radius[b])));
        }
    }

    void stageDifferenceAndItsShapeCheck() {
        const FloatArray a({2, 2}, std::vector<float>{1, 2, 3, 4});
        const FloatArray b({2, 2}, std::vector<float>{0.5f, 2, 5, -1});
        QCOMPARE(stageDifference(a, b, "llm", "vit").data, (std::vector<float>{0.5f, 0, -2, 5}));
        try {
            stageDifference(a, FloatArray({3, 3}), "llm.block", "embed");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("cannot subtract stage 'embed' [3,3] from stage 'llm.block' [2,2]: their "
                                    "token grids differ"));
        }
    }

    void mapStatistics() {
        const MapStatistics s = computeMapStatistics(FloatArray({4}, std::vector<float>{2, -1, 7, 0}));
        QCOMPARE(s.min, -1.0f);
        QCOMPARE(s.max, 7.0f);
        QCOMPARE(s.mean, 2.0f);
    }

    void wrongTokenShapeNamesTheProblem() {
        try {
            computeTokenNorms(FloatArray({1, 10, 4}), grid(3, 3, 2));
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("capture 'tokens' has 10 tokens, expected N = prefix 2 + grid 3x3 = 11"));
        }
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(AnalysisClosedFormTest)
#include "AnalysisClosedFormTest.moc"

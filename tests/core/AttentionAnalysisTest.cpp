// Closed-form cases for the attention analyses; tests/python/check_demo_maps.py compares them with numpy
// on real captures of the demo plugin.
#include "TestMain.h"
#include "analysis/AttentionAnalysis.h"
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

FloatArray uniform(int heads, int n) {
    return FloatArray({1, heads, n, n}, 1.0f / n);
}

FloatArray identity(int heads, int n) {
    FloatArray a({1, heads, n, n});
    for (int h = 0; h < heads; ++h)
        for (int i = 0; i < n; ++i)
            a.data[(h * n + i) * n + i] = 1.0f;
    return a;
}

}  // namespace

class AttentionAnalysisTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void uniformAttentionHasEntropyOneAndUniformRows() {
        const TokenLayout l = grid(3, 3, 1);
        const auto stats = computeHeadStatistics(uniform(2, 10), l, 0);
        QCOMPARE(stats.size(), size_t(2));
        for (const HeadStatistics& s : stats) {
            QVERIFY(std::abs(s.entropy - 1.0) < 1e-6);
            QVERIFY(std::abs(s.sinkShare - 0.1) < 1e-6);  // 1 prefix token of 10
        }
        const FloatArray row = attentionRowMap(uniform(2, 10), l, -1, 0);
        for (float v : row.data)
            QCOMPARE(v, 0.1f);
    }

    void rolloutOfUniformAndIdentity() {
        // Identity attention keeps every token itself: R = I.
        const FloatArray i1 = identity(3, 5), i2 = identity(3, 5);
        const FloatArray r = attentionRollout({&i1, &i2});
        for (int i = 0; i < 5; ++i)
            for (int j = 0; j < 5; ++j)
                QCOMPARE(r.data[i * 5 + j], i == j ? 1.0f : 0.0f);
        // Uniform attention U = J/N: (0.5U + 0.5I)^L = 0.5^L·I + (1 − 0.5^L)·U, uniform off the diagonal
        // and uniform in the limit.
        const FloatArray u = uniform(2, 4);
        const FloatArray r3 = attentionRollout({&u, &u, &u});
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 4; ++j) {
                const double want = (i == j ? 0.125 : 0.0) + 0.875 / 4;
                QVERIFY2(std::abs(r3.data[i * 4 + j] - want) < 1e-6,
                         qPrintable(QString::number(r3.data[i * 4 + j])));
            }
    }

    void rolloutMultipliesInModelOrder() {
        // Layer 1 moves token 1 to token 0, layer 2 moves token 0 to token 2 (N = 3, one head).
        FloatArray a1({1, 1, 3, 3}), a2({1, 1, 3, 3});
        a1.data = {1, 0, 0, 1, 0, 0, 0, 0, 1};  // row 1 attends to 0
        a2.data = {0, 0, 1, 0, 1, 0, 0, 0, 1};  // row 0 attends to 2
        const FloatArray r = attentionRollout({&a1, &a2});
        // R = Â2·Â1 with Â = 0.5A + 0.5I: row 0 of R = 0.5·row0(Â1) + 0.5·row2(Â1) = (0.25, 0, 0.75)...
        // computed:
        const double a1h[3][3] = {{1, 0, 0}, {0.5, 0.5, 0}, {0, 0, 1}};
        const double a2h[3][3] = {{0.5, 0, 0.5}, {0, 1, 0}, {0, 0, 1}};
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) {
                double want = 0;
                for (int k = 0; k < 3; ++k)
                    want += a2h[i][k] * a1h[k][j];
                QVERIFY(std::abs(r.data[i * 3 + j] - want) < 1e-6);
            }
    }

    void meanDistanceInGridCells() {
        // 1x3 grid, no prefix: every token attends to its right neighbour (the last one to itself).
        const TokenLayout l = grid(1, 3, 0);
        FloatArray a({1, 1, 3, 3});
        a.data = {0, 1, 0, 0, 0, 1, 0, 0, 1};
        const auto s = computeHeadStatistics(a, l, 0);
        QVERIFY(std::abs(s[0].meanDistance - 2.0 / 3.0) < 1e-9);  // distances 1, 1, 0
        QCOMPARE(s[0].entropy, 0.0);                              // a one-hot row
        QCOMPARE(s[0].sinkShare, 0.0);
    }

    void columnMapIsWhoAttendsToAToken() {
        const TokenLayout l = grid(1, 2, 1);
        FloatArray a({1, 1, 3, 3});
        a.data = {1, 0, 0, 0.25f, 0.75f, 0, 0.5f, 0, 0.5f};
        const FloatArray col = attentionColumnMap(a, l, 0, 0);  // grid queries' attention to CLS
        QCOMPARE(col.data, (std::vector<float>{0.25f, 0.5f}));
        const FloatArray row = attentionRowMap(a, l, 0, 1);
        QCOMPARE(row.data, (std::vector<float>{0.75f, 0.0f}));
    }

    void massThresholdKeepsTheSmallestSet() {
        const FloatArray m({2, 3}, std::vector<float>{0.05f, 0.4f, 0.1f, 0.3f, 0.05f, 0.1f});
        // 0.4 + 0.3 = 0.7 ≥ 0.6: two cells.
        QCOMPARE(massThresholdMask(m, 0.6).data, (std::vector<float>{0, 1, 0, 1, 0, 0}));
        QCOMPARE(massThresholdMask(m, 0.35).data, (std::vector<float>{0, 1, 0, 0, 0, 0}));
        // Ties keep the earlier cell: 0.4, 0.3, then the first 0.1.
        QCOMPARE(massThresholdMask(m, 0.75).data, (std::vector<float>{0, 1, 1, 1, 0, 0}));
    }

    void malformedShapesNameTheKey() {
        const TokenLayout l = grid(2, 2, 1);
        try {
            checkAttentionShape(FloatArray({1, 2, 5, 4}), l, "attn.block3");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("capture 'attn.block3' must be [1,H,N,N] attention, got [1,2,5,4]"));
        }
        try {
            checkAttentionShape(FloatArray({1, 2, 4, 4}), l, "attn.llm.block");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(
                QString::fromUtf8(e.what()),
                QStringLiteral(
                    "capture 'attn.llm.block' attends over 4 tokens, expected N = prefix 1 + grid 2x2 = 5"));
        }
        const FloatArray a = uniform(2, 5);
        try {
            attentionRowMap(a, l, 2, 0);
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("head 2 does not exist (heads 0..1, or -1 for the mean)"));
        }
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(AttentionAnalysisTest)
#include "AttentionAnalysisTest.moc"

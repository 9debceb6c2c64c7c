// Hierarchical stages and windowed attention, closed-form: manifest stages[].grid / window (and their
// errors), captures validated on each stage's own grid, window geometry with and without shift, the
// CLS-less default (the mean over query rows) for full attention and rollout, and tokens carried between
// grids. tests/python/check_sdk_swin.py compares the same maps with numpy on torchvision's swin_t.
#include "TestMain.h"
#include "analysis/AttentionAnalysis.h"
#include "analysis/WindowAttentionAnalysis.h"
#include "capture/CaptureValidator.h"
#include "common/Error.h"
#include "contract/PluginManifest.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace filterscope;

namespace {

const char* kSwinLike = R"({
  "schema": 1, "id": "swin-x", "name": "Swin X", "modality": "image", "model": "model.pt",
  "input": {"size": [32, 32], "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]},
  "tokens": {"layout": "grid", "grid": [4, 4], "prefix": 0},
  "stages": [{"name": "s1", "window": {"size": 2, "shift": 1}},
             {"name": "s2", "grid": [2, 2], "window": {"size": 2}}, "s3"]
})";

TokenLayout grid(int h, int w, int prefix = 0) {
    TokenLayout l;
    l.grid = {h, w};
    l.prefix = prefix;
    return l;
}

// Windowed attention in which query slot i of every window puts all its mass on slot (i + 1) mod w².
FloatArray nextSlotAttention(int heads, int windows, int size) {
    const int c = size * size;
    FloatArray a({1, heads, windows, c, c});
    for (int h = 0; h < heads; ++h)
        for (int k = 0; k < windows; ++k)
            for (int i = 0; i < c; ++i)
                a.data[((h * windows + k) * c + i) * c + (i + 1) % c] = 1.0f;
    return a;
}

}  // namespace

class WindowAttentionTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    PluginManifest parse(const QByteArray& json) {
        return PluginManifest::parse(json.toStdString(), dir_.path().toStdString());
    }
    QString errorOf(const QByteArray& json) {
        try {
            parse(json);
        } catch (const Error& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() {
        QFile f(dir_.filePath(QStringLiteral("model.pt")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x");
    }

    void stagesDeclareTheirGridAndWindows() {
        const PluginManifest m = parse(kSwinLike);
        QCOMPARE(m.layoutOf("s1").grid, (std::vector<int64_t>{4, 4}));
        QCOMPARE(m.layoutOf("s2").grid, (std::vector<int64_t>{2, 2}));
        QCOMPARE(m.layoutOf("unknown").grid, (std::vector<int64_t>{4, 4}));
        QCOMPARE(m.windowOf("s1").size, 2);
        QCOMPARE(m.windowOf("s1").shift, 1);
        QCOMPARE(m.windowOf("s2").shift, 0);
        QVERIFY(!m.windowOf("s3").present());
        QVERIFY(m.hasStageGrids());
    }

    void badStageDeclarationsAreNamed() {
        const QByteArray j(kSwinLike);
        QVERIFY(
            errorOf(QByteArray(j).replace(R"("grid": [2, 2], "window": {"size": 2})",
                                          R"("grid": [2, 2], "window": {"size": 3})"))
                .contains(QStringLiteral("'stages[1].window.size' 3 does not divide the stage's grid 2x2")));
        QVERIFY(errorOf(QByteArray(j).replace(R"("size": 2, "shift": 1)", R"("size": 2, "shift": 2)"))
                    .contains(QStringLiteral("'stages[0].window.shift' must be an integer in 0..1")));
        QVERIFY(errorOf(QByteArray(j).replace(R"("grid": [2, 2])", R"("grid": [2])"))
                    .contains(QStringLiteral("stages[1].grid")));
    }

    void capturesAreCheckedOnEachStagesGrid() {
        const PluginManifest m = parse(kSwinLike);
        CaptureSet c;
        c.add("tokens.s1", FloatArray({1, 16, 8}));
        c.add("wattn.s1", nextSlotAttention(2, 4, 2));
        c.add("tokens.s2", FloatArray({1, 4, 8}));
        c.add("wattn.s2", nextSlotAttention(2, 1, 2));
        QVERIFY(validateCaptureShapes(c, m).empty());
        c.add("tokens.s2", FloatArray({1, 16, 8}));  // the plugin's grid, not the stage's
        c.add("wattn.s1", nextSlotAttention(2, 1, 2));
        const auto problems = validateCaptureShapes(c, m);
        QCOMPARE(problems.size(), size_t(2));
        QCOMPARE(problems[0],
                 std::string("capture 'wattn.s1' must be [1,H,4,4,4] windowed attention (4 windows of "
                             "2x2 over grid 4x4), got [1,2,1,4,4]"));
        QVERIFY(problems[1].find("'tokens.s2' has 16 tokens, expected N = prefix 0 + grid 2x2 = 4") !=
                std::string::npos);
    }

    void windowsFollowTheShiftedGrid() {
        // Grid 4×4, windows 2×2 shifted by 1: rolled cell (ry, rx) holds token ((ry+1)%4, (rx+1)%4). Window 0
        // holds tokens 5, 6, 9, 10; window 3 holds tokens 15, 12, 3, 0 (it wraps around both edges).
        const TokenLayout l = grid(4, 4);
        const AttentionWindow w{2, 1};
        const FloatArray a = nextSlotAttention(1, 4, 2);
        auto target = [&](int query) {
            const FloatArray row = windowAttentionRowMap(a, l, w, 0, query);
            int at = -1;
            for (int t = 0; t < 16; ++t)
                if (row.data[t] == 1.0f)
                    at = t;
            return at;
        };
        QCOMPARE(target(5), 6);    // slot 0 → slot 1
        QCOMPARE(target(10), 5);   // slot 3 → slot 0
        QCOMPARE(target(15), 12);  // window 3, slot 0 → slot 1
        QCOMPARE(target(0), 15);   // window 3, slot 3 → slot 0
        const FloatArray column =
            windowAttentionColumnMap(a, l, w, -1, 12);  // who attends to token 12: slot 1's
        QCOMPARE(column.data[15], 1.0f);                // predecessor, token 15
        double sum = 0;
        for (float v : column.data)
            sum += v;
        QCOMPARE(sum, 1.0);
        // Mean over query rows: every token receives exactly one query's mass, 1/16 each.
        for (float v : windowAttentionRowMap(a, l, w, -1, kMeanOverQueries).data)
            QCOMPARE(v, 1.0f / 16.0f);
        // One-hot rows have entropy 0. Distances are measured in the image's grid, where a wrapped window
        // spans the far edges: window 0 adds 1+√2+1+√2, windows 1 and 2 add 3+√10+3+√10 and 1+√10+1+√10,
        // window 3 3+√18+3+√18; the mean over the 16 queries follows.
        const auto stats = computeWindowHeadStatistics(a, l, w, kMeanOverQueries);
        QCOMPARE(stats.front().entropy, 0.0);
        const double expected =
            (16.0 + 2 * std::sqrt(2.0) + 4 * std::sqrt(10.0) + 2 * std::sqrt(18.0)) / 16.0;
        QVERIFY(std::abs(stats.front().meanDistance - expected) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(Error, windowAttentionRowMap(a, l, w, 0, 16));
        QVERIFY_THROWS_EXCEPTION(Error, windowAttentionRowMap(a, grid(6, 6), w, 0, 0));
    }

    void withoutClsTheDefaultIsTheMeanOverQueryRows() {
        QCOMPARE(defaultAttentionQuery(grid(2, 2, 1)), 0);
        QCOMPARE(defaultAttentionQuery(grid(2, 2, 0)), kMeanOverQueries);
        // Rows: token i attends fully to token (i+1) mod 4 → each column receives 1/4 on average.
        FloatArray a({1, 1, 4, 4});
        for (int i = 0; i < 4; ++i)
            a.data[i * 4 + (i + 1) % 4] = 1.0f;
        for (float v : attentionRowMap(a, grid(2, 2), 0, kMeanOverQueries).data)
            QCOMPARE(v, 0.25f);
        // Rollout's mean row over one stage: rownorm(0.5·A + 0.5·I) = 0.5·(A + I); its mean row is 1/4 each.
        for (double v : attentionRolloutRow({&a}, kMeanOverQueries))
            QVERIFY(std::abs(v - 0.25) < 1e-12);
        const auto stats = computeHeadStatistics(a, grid(2, 2), kMeanOverQueries);
        QCOMPARE(stats.front().entropy, 0.0);
    }

    void tokensCarryBetweenGridsByPosition() {
        QCOMPARE(carryGridToken(3081, {56, 56}, {56, 56}), int64_t(3081));
        QCOMPARE(carryGridToken(56 * 55 + 1, {56, 56}, {7, 7}), int64_t(42));  // bottom row, first column
        QCOMPARE(carryGridToken(6, {7, 7}, {56, 56}), int64_t(4 * 56 + 52));   // centre (0.5, 6.5)/7 · 56
        QCOMPARE(carryGridToken(-1, {7, 7}, {56, 56}), int64_t(-1));
        QCOMPARE(carryGridToken(5, {2, 4, 4}, {4, 4}), int64_t(-1));
    }
};

FILTERSCOPE_TEST_MAIN(WindowAttentionTest)
#include "WindowAttentionTest.moc"

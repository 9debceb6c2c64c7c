// A hierarchical plugin in the window: the tiny Swin fixture (stages on 56×56, 28×28, 14×14 and 7×7 grids,
// shifted-window attention, no CLS). Every stage shows in the strip on its own grid; the CLS-less default
// attention map is the mean over query rows; a token picked on one stage is carried to the others; a picked
// token's windowed row lies inside its window and sums to 1. Saves screenshots (FILTERSCOPE_SCREENSHOTS).
#include "MainWindow.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "analysis/AttentionAnalysis.h"
#include "plugin/ModelPlugin.h"
#include "session/Workbench.h"
#include "views/CompareView.h"
#include "views/HeadGridView.h"
#include "views/MapOverlayView.h"
#include "views/StageStripView.h"

#include <QtTest>
#include <cmath>

using namespace filterscope;

namespace {

// The grid index of slot `slot` of window `k`, written from Swin's definition: windows tile the grid after
// it was rolled by −shift, so rolled cell (ry, rx) holds the token at ((ry + shift) mod h, (rx + shift) mod
// w).
int64_t tokenOfSlot(int64_t k, int64_t slot, int64_t h, int64_t w, int64_t size, int64_t shift) {
    const int64_t ry = (k / (w / size)) * size + slot / size;
    const int64_t rx = (k % (w / size)) * size + slot % size;
    return ((ry + shift) % h) * w + (rx + shift) % w;
}

}  // namespace

class HierarchicalStagesTest : public QObject {
    Q_OBJECT
    Workbench* session_ = nullptr;
    MainWindow* window_ = nullptr;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(testwindow::open(this, session_, window_,
                                 testpaths::fixtures() + QStringLiteral("/tiny-swin"),
                                 testpaths::demoImage()));
    }
    void cleanupTestCase() { delete window_; }

    void everyStageShowsOnItsOwnGrid() {
        const auto& stages = session_->document().plugin(0)->gridStages();
        QCOMPARE(stages, (std::vector<std::string>{"stage1", "stage2", "stage3", "stage4"}));
        session_->selection().setAnalysis(MapKind::Norm);
        int64_t side = 56;
        for (const std::string& s : stages) {
            const auto map = session_->maps().mapFor(0, s);
            QVERIFY2(map, s.c_str());
            QCOMPARE(map->shape, (std::vector<int64_t>{side, side}));
            side /= 2;
        }
        QVERIFY(window_->stageStrip()->stageAt(
                    window_->stageStrip()->cellRect(3, window_->stageStrip()->size()).center()) == 3);
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("swin-stages.png")));
    }

    void defaultAttentionIsTheMeanOverQueryRows() {
        session_->selection().setStage("stage1");
        session_->selection().setToken(-1);
        session_->selection().setAnalysis(MapKind::Attention);
        session_->selection().setHead(-1);
        testwindow::settle();
        QVERIFY2(window_->overlayView()->panel().title.contains(
                     QStringLiteral("mean attention over all query tokens")),
                 qPrintable(window_->overlayView()->panel().title));
        const FloatArray& w = session_->document().result(0)->captures.get("wattn.stage1");  // [1,H,64,49,49]
        const int64_t heads = w.shape[1], windows = w.shape[2];
        std::vector<double> expected(56 * 56, 0.0);
        for (int64_t h = 0; h < heads; ++h)
            for (int64_t k = 0; k < windows; ++k)
                for (int64_t i = 0; i < 49; ++i)
                    for (int64_t j = 0; j < 49; ++j)
                        expected[tokenOfSlot(k, j, 56, 56, 7, 3)] +=
                            w.data[((h * windows + k) * 49 + i) * 49 + j] / double(heads) / (56.0 * 56.0);
        const auto map = session_->maps().mapFor(0, "stage1");
        for (int64_t t = 0; t < 56 * 56; ++t)
            QVERIFY(std::abs(map->data[t] - expected[t]) <= 1e-6 * std::abs(expected[t]) + 1e-9);
    }

    void aPickedTokenAttendsInsideItsWindowOnEveryStage() {
        session_->selection().setStage("stage1");
        MapOverlayView* view = window_->overlayView();
        const int picked = 56 * 55 + 1;  // bottom row: its shifted window wraps around the top edge
        QTest::mouseClick(view, Qt::LeftButton, {}, view->tokenCentre(picked).toPoint());
        QCOMPARE(session_->selection().state().token, picked);
        for (const std::string s : {"stage1", "stage2", "stage4"}) {
            const int64_t side = s == "stage1" ? 56 : s == "stage2" ? 28 : 7;
            const int token = session_->maps().selectedTokenOn(0, s);
            // Carried by position: column 1 of 56 lies in column 0 of the coarser grids, on their bottom row.
            QCOMPARE(token, s == std::string("stage1") ? picked : static_cast<int>(side * (side - 1)));
            const auto map = session_->maps().mapFor(0, s);
            double sum = 0;
            int nonzero = 0;
            for (float v : map->data) {
                sum += v;
                nonzero += v != 0.0f;
            }
            QVERIFY2(std::abs(sum - 1.0) < 1e-5,
                     s.c_str());  // a row of probabilities, all of it in the window
            QVERIFY2(nonzero <= 49, s.c_str());
        }
        // Stage 1's window of the bottom-left token, shift 3: rows 53..55 and 0..3 wrap; the mask keeps the
        // token with the bottom rows, so the top rows get (near) nothing.
        const auto map = session_->maps().mapFor(0, "stage1");
        double bottom = 0;
        for (int y = 49; y < 56; ++y)
            for (int x = 0; x < 7; ++x)
                bottom += map->data[y * 56 + x];
        QVERIFY(bottom > 0.999);
        QVERIFY2(view->panel().title.contains(
                     QStringLiteral("where token %1 (row 55, col 1) attends").arg(picked)),
                 qPrintable(view->panel().title));
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("swin-attention.png")));
        session_->selection().setStage("stage4");
        testwindow::settle();
        QCOMPARE(session_->selection().state().token,
                 picked);  // the pick stays; each stage reads it on its own grid
        QVERIFY(testwindow::saveScreenshot(window_->headGrid(), QStringLiteral("swin-heads.png")));
    }

    void comparisonAcrossGridsResamplesForDisplay() {
        // A: Swin's 7×7 stage 4; B: the demo ViT's 14×14 final norm. The difference is drawn on 14×14, each
        // map by nearest cell centre (B's cell 2·i+1 lies in A's cell i); the title says so.
        session_->scheduler().loadPlugin(testpaths::demoPlugin(), 1);
        window_->setCompareMode(true);
        QTRY_VERIFY_WITH_TIMEOUT(session_->document().result(1) != nullptr && !session_->scheduler().isBusy(),
                                 30000);
        session_->selection().setToken(-1);
        session_->selection().setAnalysis(MapKind::Norm);
        session_->selection().setStage("stage4");
        QCOMPARE(session_->maps().stageFor(1), std::string("norm"));
        testwindow::settle();
        CompareView* c = window_->compareView();
        QVERIFY2(c->difference()->emptyReason().isEmpty(), qPrintable(c->difference()->emptyReason()));
        QVERIFY2(c->difference()->panel().title.startsWith(QStringLiteral("A − B on 14×14: Token norm")),
                 qPrintable(c->difference()->panel().title));
        const auto a = session_->maps().currentMap(0);
        const auto b = session_->maps().currentMap(1);
        for (int i : {0, 5, 13})
            for (int j : {0, 8, 13})
                QCOMPARE(c->difference()->valueAt(i * 14 + j),
                         a->data[(i / 2) * 7 + j / 2] - b->data[i * 14 + j]);
        // A token picked on B's 14×14 view is B's cell: on A's 7×7 stage it is the cell under it.
        MapOverlayView* bView = c->comparison();
        QTest::mouseClick(bView, Qt::LeftButton, {}, bView->tokenCentre(14 * 9 + 5).toPoint());
        QCOMPARE(session_->selection().state().token, 14 * 9 + 5);
        QCOMPARE(session_->selection().state().tokenGrid, (std::vector<int64_t>{14, 14}));
        QCOMPARE(session_->maps().selectedTokenOn(0, "stage4"), 7 * 4 + 2);
        QCOMPARE(session_->maps().selectedTokenOn(1, "norm"), 14 * 9 + 5);
        session_->selection().setToken(-1);
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("swin-compare.png")));
        window_->setCompareMode(false);
        session_->document().closePlugin(1);
    }
};

FILTERSCOPE_TEST_MAIN(HierarchicalStagesTest)
#include "HierarchicalStagesTest.moc"

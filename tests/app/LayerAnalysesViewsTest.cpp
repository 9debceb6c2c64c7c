// The layer-analysis views on the demo plugins: the token-outlier chart shows every token's norm and the
// threshold of the pipeline's statistics and selects a clicked token; the CKA heatmap shows the pipeline's
// matrix (A × B across models in compare mode); the Fourier depth chart the last Δ log amplitude of each
// stage; the faithfulness chart computes the curves of the map shown on request. Screenshots of each tab
// go to FILTERSCOPE_SCREENSHOTS.
#include "MainWindow.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "charts/ChartsPanel.h"
#include "charts/CkaHeatmapView.h"
#include "charts/FaithfulnessChart.h"
#include "charts/FourierDepthChart.h"
#include "charts/TokenOutlierChart.h"
#include "session/Workbench.h"

#include <QDockWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QtTest>

#include <cmath>

using namespace filterscope;

class LayerAnalysesViewsTest : public QObject {
    Q_OBJECT
    Workbench* session_ = nullptr;
    MainWindow* window_ = nullptr;

    void show(QWidget* tab, const QString& name) {
        auto* dock = window_->findChild<QDockWidget*>(QStringLiteral("chartsDock"));
        dock->show();
        dock->raise();
        window_->charts()->tabs()->setCurrentWidget(tab);
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, name + QStringLiteral(".png")));
        QVERIFY(testwindow::saveScreenshot(window_->charts(), name + QStringLiteral("-panel.png")));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(testwindow::open(this, session_, window_, testpaths::demoPlugin(), testpaths::demoImage()));
    }
    void cleanupTestCase() { delete window_; }

    void tokenOutliersShowThePipelinesStatistics() {
        session_->selection().setStage("llm.block");
        TokenOutlierChart* chart = window_->charts()->tokenOutliers();
        const auto r = session_->document().result(0);
        const TokenStatistics* s = nullptr;
        for (const StageTokenStatistics& t : r->layers.tokenStats)
            if (t.stage == "llm.block")
                s = &t.stats;
        QVERIFY(s);
        QCOMPARE(chart->tokenPoints().size(), qsizetype(197));  // CLS + 14×14
        for (int i = 0; i < 197; ++i)
            QCOMPARE(chart->tokenPoints()[i].y(), double(s->norms[i]));
        QCOMPARE(chart->threshold(), s->outlierThreshold);
        QCOMPARE(chart->outlierPoints().size(), qsizetype(s->outliers.size()));
        chart->selectSequenceToken(1 + 20);  // grid token 20 (row 1, col 6)
        QCOMPARE(session_->selection().state().token, 20);
        chart->selectSequenceToken(0);  // CLS is no grid token: the selection stays
        QCOMPARE(session_->selection().state().token, 20);
        show(chart, QStringLiteral("token-outliers"));
    }

    void ckaHeatmapIsThePipelinesMatrix() {
        CkaHeatmapView* view = window_->charts()->layerSimilarity();
        const auto r = session_->document().result(0);
        QVERIFY(r->layers.cka);
        QCOMPARE(view->matrix().data, r->layers.cka->values.data);
        QCOMPARE(view->rowStages().size(), 9);
        QCOMPARE(view->rowStages().front(), QStringLiteral("Patch embedding"));
        for (int i = 0; i < 9; ++i)
            QVERIFY(std::abs(view->matrix().data[i * 9 + i] - 1.0f) < 1e-5f);
        show(view, QStringLiteral("layer-similarity"));
    }

    void fourierDepthIsTheLastValueOfEachCurve() {
        FourierDepthChart* chart = window_->charts()->fourierDepth();
        const auto r = session_->document().result(0);
        const QVector<QPointF> points = chart->depthCurve(0);
        QCOMPARE(points.size(), qsizetype(r->layers.fourier.size()));
        QCOMPARE(points.size(), qsizetype(9));
        for (int i = 0; i < points.size(); ++i) {
            QCOMPARE(points[i].x(), double(i));
            QCOMPARE(points[i].y(), double(r->layers.fourier[i].dlogamp.data.back()));
        }
        show(chart, QStringLiteral("fourier-depth"));
    }

    void faithfulnessCurvesOnRequest() {
        session_->selection().setAnalysis(MapKind::Norm);
        FaithfulnessChart* chart = window_->charts()->faithfulness();
        QVERIFY(chart->computeButton()->isEnabled());
        QVERIFY(chart->curve(0, true).isEmpty());
        chart->computeButton()->click();
        QVERIFY(QTest::qWaitFor([this] { return session_->faithfulness().curves(0) != nullptr; }, 60000));
        testwindow::settle();
        const auto curves = session_->faithfulness().curves(0);
        QCOMPARE(curves->stage, std::string("llm.block"));
        QCOMPARE(curves->map, std::string("norm"));
        QCOMPARE(chart->curve(0, true).size(), qsizetype(17));
        QCOMPARE(chart->curve(0, false).size(), qsizetype(17));
        QCOMPARE(chart->curve(0, true)[3].y(), double(curves->deletion[3]));
        QCOMPARE(chart->curve(0, true).last().x(), 1.0);
        // Deletion ends on the all-filled input, insertion on the intact one: the two curves meet there.
        QCOMPARE(curves->insertion.back(), curves->deletion.front());
        QVERIFY(!chart->computeButton()->isEnabled());           // nothing left to compute for this map
        session_->selection().setAnalysis(MapKind::Activation);  // another map: its curves are not known yet
        QVERIFY(chart->computeButton()->isEnabled());
        session_->selection().setAnalysis(MapKind::Norm);
        show(chart, QStringLiteral("faithfulness"));
    }

    void compareModeRelatesTwoModelsStages() {
        session_->scheduler().loadPlugin(testpaths::buildDir() + QStringLiteral("/plugins/demo-vit-baseline"),
                                         1);
        window_->setCompareMode(true);
        QVERIFY(QTest::qWaitFor(
            [this] { return session_->document().result(1) != nullptr && !session_->scheduler().isBusy(); },
            60000));
        testwindow::settle();
        CkaHeatmapView* view = window_->charts()->layerSimilarity();
        const auto a = session_->document().result(0), b = session_->document().result(1);
        QCOMPARE(view->columnStages().size(), qsizetype(b->layers.cka->stages.size()));
        QCOMPARE(view->matrix().data, crossCka(a->layers.grams, b->layers.grams).data);
        QCOMPARE(window_->charts()->fourierDepth()->depthCurve(1).size(),
                 qsizetype(b->layers.fourier.size()));
        show(view, QStringLiteral("layer-similarity-compare"));
    }
};

FILTERSCOPE_TEST_MAIN(LayerAnalysesViewsTest)
#include "LayerAnalysesViewsTest.moc"

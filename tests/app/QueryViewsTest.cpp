// The Q-Former views on the demo Q-Former: the query grid, similarity order, central query map, and the
// note for a plugin without cross-attention. Saves screenshots (FILTERSCOPE_SCREENSHOTS).
#include "MainWindow.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "analysis/QueryRelevanceAnalysis.h"
#include "input/ImageLoader.h"
#include "input/ImagePreprocessor.h"
#include "session/Workbench.h"
#include "views/MapOverlayView.h"
#include "views/QueryGridView.h"
#include "views/QueryPanel.h"

#include <QDir>
#include <QDockWidget>
#include <QStandardPaths>
#include <QtTest>

using namespace filterscope;

class QueryViewsTest : public QObject {
    Q_OBJECT
    Workbench* session_ = nullptr;
    MainWindow* window_ = nullptr;
    QString plugin_;

private Q_SLOTS:
    void initTestCase() {
        plugin_ = testpaths::buildDir() + QStringLiteral("/plugins/demo-vit-qformer");
        QVERIFY(testwindow::open(this, session_, window_, plugin_, testpaths::demoImage()));
        for (QDockWidget* d : window_->findChildren<QDockWidget*>())
            if (d->objectName() == QLatin1String("queriesDock"))
                d->raise();
    }
    void cleanupTestCase() { delete window_; }

    void gridClickShowsTheQueryMapCoreComputes() {
        const auto plugin = ModelPlugin::load(plugin_.toStdString(), DevicePreference::Cpu);
        const CaptureSet ref = plugin->run(
            prepareImage(loadImage(testpaths::demoImage().toStdString()), plugin->manifest().input).tensor,
            "ref");
        const FloatArray maps = queryMaps(ref.get("xattn.qformer2"), plugin->manifest().tokens);
        QueryGridView* grid = window_->queryPanel()->grid();
        QCOMPARE(grid->shownStage(), std::string("qformer2"));
        testwindow::settle();
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->cellRect(11, grid->size()).center().toPoint());
        QCOMPARE(session_->selection().state().analysis, MapKind::Query);
        QCOMPARE(session_->selection().state().query, 11);
        QCOMPARE(session_->selection().state().stage, std::string("qformer2"));
        for (int t = 0; t < 196; ++t)
            QCOMPARE(window_->overlayView()->valueAt(t), maps.data[11 * 196 + t]);
        // Groups first in the similarity matrix: the planted duplicates (3,5) and (10,11,12).
        const std::vector<int> order = window_->queryPanel()->similarity()->order();
        QCOMPARE(std::vector<int>(order.begin(), order.begin() + 6), (std::vector<int>{3, 5, 10, 11, 12, 0}));
        // The matrix names the pair under the mouse and its r: row 0 is query 3, column 1 query 5.
        SimilarityMatrixView* matrix = window_->queryPanel()->similarity();
        const QRect cells = matrix->matrixRect();
        const QPoint cell01(cells.left() + int(1.5 * cells.width() / 32.0),
                            cells.top() + int(0.5 * cells.height() / 32.0));
        const auto* shown = window_->queryPanel()->grid()->shown();
        QCOMPARE(shown->maps.shape[0], int64_t(32));
        QCOMPARE(
            matrix->describeCell(cell01),
            QStringLiteral("query 3 × query 5: r = %1").arg(shown->similarity.data[3 * 32 + 5], 0, 'f', 3));
        QVERIFY(window_->queryPanel()->summary().contains(
            QStringLiteral("2 duplicate groups holding 5 queries")));
        // The matrix's title is whole at any dock width: wrapped onto more lines, the cells below it.
        const QString title = QStringLiteral("Pearson r of query maps (groups first)");
        const int oldWidth = matrix->width();
        for (const int w : {180, 240, 400}) {
            matrix->resize(w, matrix->height());
            const QRect t = matrix->titleRect();
            const QRect need = matrix->fontMetrics().boundingRect(t, Qt::AlignLeft | Qt::TextWordWrap, title);
            QVERIFY2(t.right() < w && need.width() <= t.width() && need.height() <= t.height(),
                     qPrintable(QString::number(w)));
            QVERIFY(matrix->matrixRect().top() > t.bottom() + matrix->fontMetrics().height());
            QCOMPARE(matrix->fontMetrics().horizontalAdvance(title) > t.width(),
                     t.height() > matrix->fontMetrics().height() + 1);
        }
        matrix->resize(oldWidth, matrix->height());
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("queries.png")));

        // Shared scale: query 11's range over both cross-attention stages, not {0,1}.
        const FloatArray first = queryMaps(ref.get("xattn.qformer1"), plugin->manifest().tokens);
        double lo = INFINITY, hi = -INFINITY;
        for (const FloatArray* m : {&first, &maps})
            for (int t = 0; t < 196; ++t)
                lo = std::min<double>(lo, m->data[11 * 196 + t]),
                hi = std::max<double>(hi, m->data[11 * 196 + t]);
        session_->selection().setSharedScale(true);
        const auto [sharedLo, sharedHi] = session_->maps().colourRange(0, "qformer2");
        session_->selection().setSharedScale(false);
        QCOMPARE(sharedLo, lo);
        QCOMPARE(sharedHi, hi);
        QVERIFY(hi < 1.0);
    }

    void pluginWithoutCrossAttentionGetsANote() {
        Workbench plain;
        plain.scheduler().loadPlugin(testpaths::demoPlugin(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(plain.document().plugin(0) != nullptr, 30000);
        QueryPanel panel(&plain);
        QVERIFY2(panel.summary().startsWith(QStringLiteral("demo-vit-llama returns no xattn.* captures")),
                 qPrintable(panel.summary()));
    }
};

FILTERSCOPE_TEST_MAIN(QueryViewsTest)
#include "QueryViewsTest.moc"

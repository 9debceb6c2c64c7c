// The workbench window end to end: opens plugin and image from code, waits for the background run,
// checks what the views hold, error dialogs, responsiveness and cancel, export, and saves screenshots
// (FILTERSCOPE_SCREENSHOTS) of every view for a person to look at.
#include "ExportActions.h"
#include "MainWindow.h"
#include "PluginActions.h"
#include "RunStatusWidget.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "analysis/AttentionAnalysis.h"
#include "analysis/FrequencyAnalysis.h"
#include "charts/ChartsPanel.h"
#include "export/ViewFigure.h"
#include "input/ImageLoader.h"
#include "input/ImagePreprocessor.h"
#include "session/Workbench.h"
#include "views/CompareSummaryPanel.h"
#include "views/CompareView.h"
#include "views/HeadGridView.h"
#include "views/MapOverlayView.h"
#include "views/StageStripView.h"

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QMenu>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace filterscope;

namespace {

QString takeMessageBoxText(QWidget* window) {
    QMessageBox* box = nullptr;
    if (!QTest::qWaitFor([&] { return (box = window->findChild<QMessageBox*>()) != nullptr; }, 30000))
        return {};
    const QString text = box->text();
    box->close();
    testwindow::settle();
    return text;
}

}  // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
    Workbench* session_ = nullptr;
    MainWindow* window_ = nullptr;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(testwindow::open(this, session_, window_, testpaths::demoPlugin(), testpaths::demoImage()));
    }
    void cleanupTestCase() { delete window_; }

    void mainViewShowsCoreNumbersAndScreenshots() {
        session_->selection().setStage("llm.block");
        session_->selection().setAnalysis(MapKind::Frequency);
        const auto plugin = session_->document().plugin(0);
        const FloatArray expected = computeFrequencyMap(
            plugin
                ->run(prepareImage(loadImage(testpaths::demoImage().toStdString()), plugin->manifest().input)
                          .tensor,
                      "ref")
                .get("tokens.llm.block"),
            plugin->manifest().tokens);
        for (int t = 0; t < 196; ++t)
            QCOMPARE(window_->overlayView()->valueAt(t), expected.data[t]);
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("main-frequency.png")));
        session_->selection().setAnalysis(MapKind::Activation);
        QTest::mouseMove(window_->overlayView(), window_->overlayView()->tokenCentre(60).toPoint());
        QTest::mouseClick(window_->overlayView(), Qt::LeftButton, {},
                          window_->overlayView()->tokenCentre(60).toPoint());
        QCOMPARE(session_->selection().state().token, 60);
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("main-activation.png")));
        QVERIFY(testwindow::saveScreenshot(window_->stageStrip(), QStringLiteral("stage-strip.png")));
        for (int tab = 0; tab < 3; ++tab) {
            window_->charts()->tabs()->setCurrentIndex(tab);
            testwindow::settle();
            QVERIFY(testwindow::saveScreenshot(window_->charts(), QStringLiteral("charts-%1.png").arg(tab)));
        }
        // Every tab is reachable from the corner menu, whatever the dock's width.
        auto* all = qobject_cast<QToolButton*>(window_->charts()->tabs()->cornerWidget(Qt::TopRightCorner));
        QVERIFY(all && all->menu());
        QCOMPARE(all->menu()->actions().size(), window_->charts()->tabs()->count());
        all->menu()->actions().back()->trigger();
        QCOMPARE(window_->charts()->tabs()->currentIndex(), window_->charts()->tabs()->count() - 1);
        window_->charts()->tabs()->setCurrentIndex(0);
        session_->selection().setToken(-1);
    }

    void attentionViewsTokenToTokenAndHeads() {
        const auto plugin = session_->document().plugin(0);
        const TokenLayout& layout = plugin->manifest().tokens;
        const CaptureSet ref = plugin->run(
            prepareImage(loadImage(testpaths::demoImage().toStdString()), plugin->manifest().input).tensor,
            "ref");
        const FloatArray& attn = ref.get("attn.block2");
        session_->selection().setToken(-1);
        session_->selection().setStage("block2");
        session_->selection().setHead(1);
        session_->selection().setAnalysis(MapKind::Attention);
        MapOverlayView* view = window_->overlayView();
        FloatArray want = attentionRowMap(attn, layout, 1, 0);  // CLS row, head 1
        for (int t = 0; t < 196; ++t)
            QCOMPARE(view->valueAt(t), want.data[t]);
        // Token to token: click a token, the map becomes where it attends; then who attends to it.
        QTest::mouseClick(view, Qt::LeftButton, {}, view->tokenCentre(60).toPoint());
        want = attentionRowMap(attn, layout, 1, 1 + 60);
        for (int t = 0; t < 196; ++t)
            QCOMPARE(view->valueAt(t), want.data[t]);
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("token-to-token.png")));
        session_->selection().setAttendedBy(true);
        want = attentionColumnMap(attn, layout, 1, 1 + 60);
        for (int t = 0; t < 196; ++t)
            QCOMPARE(view->valueAt(t), want.data[t]);
        session_->selection().setAttendedBy(false);
        session_->selection().setToken(-1);

        // The head grid: click the third column of the LLaMA block's row to open that head.
        for (QDockWidget* d : window_->findChildren<QDockWidget*>())
            if (d->objectName() == QLatin1String("headsDock"))
                d->raise();
        testwindow::settle();
        HeadGridView* grid = window_->headGrid()->grid();
        const auto stages = grid->attentionStages();
        QCOMPARE(stages, (std::vector<std::string>{"block1", "block2", "block3", "block4", "llm.block"}));
        QTest::mouseClick(grid, Qt::LeftButton, {}, grid->cellRect(4, 2, grid->size()).center().toPoint());
        QCOMPARE(session_->selection().state().stage, std::string("llm.block"));
        QCOMPARE(session_->selection().state().head, grid->headAt(4, 2));
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("heads.png")));
        grid->setSortKey(HeadGridView::SortKey::Entropy);
        const auto stats = computeHeadStatistics(ref.get("attn.llm.block"), layout, 0);
        // Every number a head cell carries, named, in its tooltip.
        const int shownHead = grid->headAt(4, 1);
        QCOMPARE(
            grid->describeCell(grid->cellRect(4, 1, grid->size()).center()),
            QStringLiteral("llm.block, head %1: entropy %2 (of the default query's row; 1 = uniform), mean "
                           "distance %3 cells, sink share %4")
                .arg(shownHead)
                .arg(stats[shownHead].entropy, 0, 'f', 3)
                .arg(stats[shownHead].meanDistance, 0, 'f', 2)
                .arg(stats[shownHead].sinkShare, 0, 'f', 3));
        for (int c = 1; c < 4; ++c)
            QVERIFY(stats[grid->headAt(4, c)].entropy <= stats[grid->headAt(4, c + 1)].entropy);
        grid->setSortKey(HeadGridView::SortKey::ModelOrder);
        for (QDockWidget* d : window_->findChildren<QDockWidget*>())
            if (d->objectName() == QLatin1String("chartsDock"))
                d->raise();

        // The head statistics chart plots core's numbers.
        window_->charts()->tabs()->setCurrentIndex(3);
        const QVector<QPointF> points = window_->charts()->headPoints(0, QStringLiteral("llm.block"));
        QCOMPARE(points.size(), 4);
        for (int h = 0; h < 4; ++h) {
            QVERIFY(std::abs(points[h].x() - stats[h].entropy) < 1e-9);
            QVERIFY(std::abs(points[h].y() - stats[h].meanDistance) < 1e-9);
        }
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_->charts(), QStringLiteral("charts-heads.png")));
        window_->charts()->tabs()->setCurrentIndex(0);
        session_->selection().setHead(-1);
        session_->selection().setAnalysis(MapKind::Activation);
    }

    void compareModeShowsBothAndTheDifference() {
        session_->scheduler().loadPlugin(testpaths::buildDir() + QStringLiteral("/plugins/demo-vit-baseline"),
                                         1);
        window_->setCompareMode(true);
        QTRY_VERIFY_WITH_TIMEOUT(session_->document().result(1) != nullptr, 30000);
        QTRY_VERIFY(!session_->scheduler().isBusy());
        session_->selection().setStage("norm");  // both plugins have it
        CompareView* c = window_->compareView();
        QVERIFY(c->difference()->emptyReason().isEmpty());
        for (int t : {0, 50, 195})
            QCOMPARE(c->difference()->valueAt(t), c->primary()->valueAt(t) - c->comparison()->valueAt(t));
        // A and B share one colour range; the difference is symmetric around 0.
        QCOMPARE(c->primary()->panel().lo, c->comparison()->panel().lo);
        QCOMPARE(c->primary()->panel().hi, c->comparison()->panel().hi);
        QCOMPARE(c->difference()->panel().lo, -c->difference()->panel().hi);
        c->primary()->setView(2.0, QPointF(10, 10));  // zoom is linked
        QCOMPARE(c->comparison()->zoom(), 2.0);
        QCOMPARE(c->difference()->pan(), QPointF(10, 10));
        c->primary()->resetView();
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("compare.png")));
        // The baseline lacks llm.block: its stage with the map nearest in depth stands in (block4, not its
        // final norm, whose larger values left A one colour on the joint scale).
        session_->selection().setStage("llm.block");
        QCOMPARE(session_->maps().stageFor(1), std::string("block4"));
        testwindow::settle();
        const QString bTitle = c->comparison()->panel().title;  // said, never passed off as the same stage
        QVERIFY2(bTitle.startsWith(QStringLiteral("B: ")) &&
                     bTitle.contains(QStringLiteral("block4 (it has no llm.block) · Activation")),
                 qPrintable(bTitle));
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("compare-substituted-stage.png")));
        // B's stage chosen on its own in the fourth quadrant; its numbers against a computation here.
        QComboBox* choice = c->summary()->stageChoice();
        choice->setCurrentIndex(choice->findData(QStringLiteral("block2")));
        QCOMPARE(session_->maps().stageFor(1), std::string("block2"));
        const auto a = session_->maps().currentMap(0), b = session_->maps().currentMap(1);
        double ma = 0, mb = 0, maxDiff = 0;
        for (size_t i = 0; i < a->data.size(); ++i)
            ma += a->data[i] / double(a->data.size()), mb += b->data[i] / double(b->data.size());
        double sab = 0, saa = 0, sbb = 0;
        for (size_t i = 0; i < a->data.size(); ++i) {
            sab += (a->data[i] - ma) * (b->data[i] - mb);
            saa += (a->data[i] - ma) * (a->data[i] - ma);
            sbb += (b->data[i] - mb) * (b->data[i] - mb);
            maxDiff = std::max(maxDiff, std::abs(double(a->data[i]) - b->data[i]));
        }
        const QString summary = c->summary()->summary();
        QVERIFY2(summary.contains(QStringLiteral("B: block2\n196 cells compared\n")) &&
                     summary.contains(QStringLiteral("max |A − B| = %1").arg(maxDiff, 0, 'g', 4)) &&
                     summary.contains(
                         QStringLiteral("Pearson r(A, B) = %1").arg(sab / std::sqrt(saa * sbb), 0, 'f', 3)),
                 qPrintable(summary));
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("compare-chosen-stage.png")));
        session_->selection().setComparisonStage({});
        window_->setCompareMode(false);
        session_->document().closePlugin(1);
        // Without B, its placeholder is a button: a click asks for the comparison plugin.
        QSignalSpy asked(c->comparison(), &MapOverlayView::openPluginRequested);
        c->comparison()->refresh();
        QVERIFY(c->comparison()->emptyReason().startsWith(QStringLiteral("Open a comparison plugin…")));
        disconnect(c->comparison(), &MapOverlayView::openPluginRequested,
                   window_->findChild<PluginActions*>(),
                   nullptr);  // no dialog here
        QTest::mouseClick(c->comparison(), Qt::LeftButton);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.front().front().toInt(), 1);
    }

    void exportsPngSvgPdf() {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("view.png"));
        QCOMPARE(window_->exports()->exportCurrentView(png, 192), QString());
        // The figure of the view, not a grab of the widget: its size is the figure's (points × 192/72),
        // whatever the window's size.
        const QSize points = ViewFigure::ofSlot(*session_, 0, {})->painter().size();
        QCOMPARE(QImage(png).size(),
                 QSize(qRound(points.width() * 192 / 72.0), qRound(points.height() * 192 / 72.0)));
        window_->resize(900, 700);
        testwindow::settle();
        QCOMPARE(window_->exports()->exportCurrentView(png, 192), QString());
        QCOMPARE(QImage(png).size(),
                 QSize(qRound(points.width() * 192 / 72.0), qRound(points.height() * 192 / 72.0)));
        window_->resize(1280, 800);
        QCOMPARE(window_->exports()->exportCurrentView(dir.filePath(QStringLiteral("view.svg")), 96),
                 QString());
        QFile svg(dir.filePath(QStringLiteral("view.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
        QCOMPARE(window_->exports()->exportStageStrip(dir.filePath(QStringLiteral("strip.pdf")), 300),
                 QString());
        QFile pdf(dir.filePath(QStringLiteral("strip.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QCOMPARE(window_->exports()->exportCurrentView(dir.filePath(QStringLiteral("view.pdf")), 300),
                 QString());
        const QString shots = qEnvironmentVariable("FILTERSCOPE_SCREENSHOTS");
        if (!shots.isEmpty())  // for a person to render (pdftoppm) and look at
            for (const QString& name : {QStringLiteral("view.pdf"), QStringLiteral("strip.pdf")}) {
                QFile::remove(shots + QStringLiteral("/export-") + name);
                QVERIFY(QFile::copy(dir.filePath(name), shots + QStringLiteral("/export-") + name));
            }
        QVERIFY(window_->exports()
                    ->exportCurrentView(dir.filePath(QStringLiteral("view.bmpx")), 96)
                    .contains(QStringLiteral("unknown figure format")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("view.svg.part"))));
    }

    void badPluginShowsMessageAndKeepsSession() {
        const QString bad = testpaths::fixtures() + QStringLiteral("/wrong-grid");
        session_->scheduler().loadPlugin(bad, 0);
        const QString text = takeMessageBoxText(window_);
        QVERIFY2(text.contains(QStringLiteral("plugin 'wrong-grid' (") + bad) &&
                     text.contains(QStringLiteral("expected N = prefix 1 + grid 7x7 = 50")),
                 qPrintable(text));
        QCOMPARE(QString::fromStdString(session_->document().plugin(0)->id()),
                 QStringLiteral("demo-vit-llama"));
        QVERIFY(session_->document().result(0) != nullptr);
    }

    void badImageShowsItsErrorInPlaceAndKeepsSession() {
        QTemporaryDir dir;
        const QString corrupt = dir.filePath(QStringLiteral("broken.jpg"));
        QFile f(corrupt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\xff\xd8\xff\xe0 not a jpeg");
        f.close();
        window_->openPaths({corrupt});
        // No dialog: the failed input becomes current and every view says why, none shows the last result.
        QTRY_VERIFY_WITH_TIMEOUT(
            session_->document().currentInput() == corrupt && !session_->document().inputError(0).isEmpty(),
            30000);
        QCOMPARE(session_->document().inputError(0),
                 corrupt + QStringLiteral(
                               ": cannot decode image (corrupt data or a format this build cannot read)"));
        QVERIFY(window_->findChild<QMessageBox*>() == nullptr);
        QVERIFY(session_->document().result(0) == nullptr);
        testwindow::settle();
        QCOMPARE(window_->overlayView()->emptyReason(),
                 QStringLiteral("⚠ ") + session_->document().inputError(0));
        // The plugin and the earlier result stay: going back shows it at once.
        session_->scheduler().openInput(testpaths::demoImage());
        QTRY_VERIFY(session_->document().result(0) != nullptr);
        QCOMPARE(QString::fromStdString(session_->document().plugin(0)->id()),
                 QStringLiteral("demo-vit-llama"));
    }

    void longRunKeepsWindowResponsiveAndCancelStopsIt() {
        Workbench slow;
        slow.scheduler().loadPlugin(testpaths::fixtures() + QStringLiteral("/slow-stages"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(slow.document().plugin(0) != nullptr, 30000);
        QTRY_VERIFY(!slow.scheduler().isBusy());
        // Responsive: a GUI-thread timer keeps firing between the worker's progress reports (counted, not
        // timed, so a slow machine cannot fail it).
        int ticks = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, [&] { ++ticks; });
        timer.start(5);
        int lastDone = 0;
        int reportsAfterTicks = 0;
        int ticksAtLastReport = 0;
        connect(&slow.tasks(), &BackgroundTasks::progressChanged, [&](int done, int, const QString&) {
            lastDone = std::max(lastDone, done);
            if (ticks > ticksAtLastReport)
                ++reportsAfterTicks;
            ticksAtLastReport = ticks;
        });
        slow.scheduler().openInput(testpaths::demoImage());
        QVERIFY(slow.scheduler().isBusy());
        // Progress arrives stage by stage while the event loop keeps running.
        QTRY_VERIFY_WITH_TIMEOUT(lastDone >= 5, 60000);
        QVERIFY2(reportsAfterTicks >= 3,
                 qPrintable(QStringLiteral("%1 reports followed timer ticks").arg(reportsAfterTicks)));
        QVERIFY2(lastDone < 22 && slow.scheduler().isBusy(), "the run finished before it could be cancelled");
        slow.scheduler().cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!slow.scheduler().isBusy(), 60000);
        QVERIFY2(lastDone < 22, "cancel did not stop the run before its last stage");
        QVERIFY(slow.document().result(0) == nullptr);  // cancelled: nothing half-done is kept
        QCOMPARE(slow.document().cachedResultCount(), 0);
    }

    // A forward pass reports nothing until it returns and cannot be interrupted: the status says it is
    // still running, and after Cancel what the cancel waits for; the window stays usable meanwhile.
    void silentForwardIsStillRunningAndCancelWaitsForIt() {
        QTemporaryDir dir;
        const QString white = dir.filePath(QStringLiteral("white.png"));
        QImage image(64, 64, QImage::Format_RGB32);
        image.fill(Qt::white);
        QVERIFY(image.save(white));
        Workbench slow;
        RunStatusWidget status(&slow.tasks());
        status.setStillRunningAfter(300);
        status.show();
        slow.scheduler().loadPlugin(testpaths::fixtures() + QStringLiteral("/slow-forward"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(slow.document().plugin(0) != nullptr && !slow.scheduler().isBusy(), 30000);
        slow.scheduler().openInput(white);
        QTRY_VERIFY_WITH_TIMEOUT(status.text().contains(QStringLiteral("still running")), 30000);
        QVERIFY2(status.text().startsWith(QStringLiteral("running slow-forward — still running (")),
                 qPrintable(status.text()));
        QVERIFY(slow.scheduler().isBusy());
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(&status, QStringLiteral("status-still-running.png")));
        QTest::mouseClick(status.cancelButton(), Qt::LeftButton);
        QVERIFY2(status.text().startsWith(QStringLiteral("Cancelling — “running slow-forward” has not "
                                                         "returned (")),
                 qPrintable(status.text()));
        QVERIFY(testwindow::saveScreenshot(&status, QStringLiteral("status-cancelling.png")));
        QTRY_VERIFY_WITH_TIMEOUT(!slow.scheduler().isBusy(), 120000);  // honoured once the pass returns
        QVERIFY(slow.document().result(0) == nullptr);
        QVERIFY(!status.isVisible());
    }

    // Thumbnails, insertion/deletion curves and an export are background tasks: while the lanes are held
    // by other work they wait, listed in the status bar's tooltip with a count, and Cancel drops them all —
    // nothing is computed or written — and the queue is empty. Asked again, they run.
    void backgroundWorkShowsInTheStatusAndStopsOnCancel() {
        RunStatusWidget* status = window_->findChild<RunStatusWidget*>();
        BackgroundTasks& tasks = session_->tasks();
        QTRY_VERIFY_WITH_TIMEOUT(!tasks.isBusy(), 30000);
        std::atomic<bool> release{false};
        auto hold = [&](TaskLane lane) {
            TaskSpec s;
            s.title = "holding the lane";
            s.lane = lane;
            s.priority = TaskPriority::Shown;
            s.run = [&release](ProgressSink&) {
                while (!release.load())
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
            };
            tasks.submit(std::move(s));
        };
        hold(TaskLane::Model);
        hold(TaskLane::Files);
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("later.png"));
        session_->selection().setAnalysis(MapKind::Activation);
        session_->faithfulness().request(0);
        window_->exports()->exportInBackground(png, 96, {});
        const QString photo = dir.filePath(QStringLiteral("second.png"));
        QVERIFY(QFile::copy(testpaths::demoImage(), photo));
        session_->document().setInputs({testpaths::demoImage(), photo});  // thumbnails for the strip
        QTRY_VERIFY(status->queueText().contains(QStringLiteral("waiting")));
        const QString all = status->taskList();  // what the status bar's tooltip lists
        QVERIFY2(all.contains(QStringLiteral("insertion/deletion curves of activation at llm.block")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("exporting ") + png), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("thumbnails 1-2 of 2")), qPrintable(all));
        QVERIFY(session_->faithfulness().running(0));
        QTest::mouseClick(status->cancelButton(), Qt::LeftButton);
        release.store(true);
        QTRY_VERIFY_WITH_TIMEOUT(!tasks.isBusy(), 60000);
        QCOMPARE(tasks.outstanding(), 0);
        QVERIFY(tasks.tasks().empty());
        QVERIFY(!QFile::exists(png));
        QVERIFY(!session_->faithfulness().running(0) && !session_->faithfulness().curves(0));
        QVERIFY(session_->faithfulness().error(0).isEmpty());
        // Asked again, they run.
        session_->faithfulness().request(0);
        window_->exports()->exportInBackground(png, 96, {});
        QTRY_VERIFY_WITH_TIMEOUT(!tasks.isBusy(), 60000);
        QVERIFY(QFile::exists(png));
        QVERIFY(session_->faithfulness().curves(0) != nullptr);
    }

    void stageShortcutsStepThroughStages() {
        session_->selection().setStage("block4");
        window_->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window_));
        QTest::keyClick(window_, Qt::Key_PageDown);
        QCOMPARE(session_->selection().state().stage, std::string("llm.adapter_in"));
        QTest::keyClick(window_, Qt::Key_PageUp);
        QTest::keyClick(window_, Qt::Key_PageUp);
        QCOMPARE(session_->selection().state().stage, std::string("block3"));
        QTest::keyClick(window_, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(session_->selection().state().analysis, MapKind::Norm);
    }
};

FILTERSCOPE_TEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"

// The Probe dock: the open plugin over a folder of real photos with masks, as background tasks; the table
// holds what probe.csv holds, sorts, and a click opens that input at that stage and map; bad folders are
// said in place. A probe of 40 inputs shows in the status bar, stops on Cancel with an empty queue and its
// finished items kept, and resumes; the folder it writes holds the same tables, report.html and figures as
// `filterscope-cli probe` on the same inputs. Saves screenshots (FILTERSCOPE_SCREENSHOTS).
#include "MainWindow.h"
#include "RunStatusWidget.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "charts/ProbeStageChart.h"
#include "probe/ProbeItems.h"
#include "session/Workbench.h"
#include "views/DatasetProbePanel.h"

#include <QCategoryAxis>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace filterscope;

class DatasetProbePanelTest : public QObject {
    Q_OBJECT
    Workbench* session_ = nullptr;
    MainWindow* window_ = nullptr;
    QTemporaryDir data_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(testwindow::open(this, session_, window_, testpaths::demoPlugin(), testpaths::demoImage()));
        for (QDockWidget* d : window_->findChildren<QDockWidget*>())
            if (d->objectName() == QLatin1String("probeDock"))
                d->raise();
        const QString masks = testpaths::sharedData() + QStringLiteral("/masks/");
        if (!QFile::exists(masks))
            QSKIP("../shared/data/masks is not beside this checkout");
        for (const char* stem :
             {"coco_000000000165", "oxford_pet_british_shorthair_103", "oxford_pet_maine_coon_201"}) {
            QVERIFY(QFile::copy(masks + QLatin1String(stem) + QStringLiteral(".jpg"),
                                data_.filePath(QLatin1String(stem) + QStringLiteral(".jpg"))));
            QVERIFY(QFile::copy(masks + QLatin1String(stem) + QStringLiteral("_mask.png"),
                                data_.filePath(QLatin1String(stem) + QStringLiteral("_mask.png"))));
        }
    }
    void cleanupTestCase() { delete window_; }

    void fitsTheDockAt1280() {
        // The dock beside the map is ~460 px wide at 1280x800: the panel must fit it without a horizontal
        // scroll bar (the metric combo sized itself to "Top-|mask| tokens inside the mask" and pushed
        // "Open Report" off the edge).
        DatasetProbePanel* panel = window_->probePanel();
        QVERIFY2(panel->minimumSizeHint().width() <= 440,
                 qPrintable(QString::number(panel->minimumSizeHint().width())));
    }

    void badFolderIsSaidInPlace() {
        DatasetProbePanel* panel = window_->probePanel();
        panel->setFolders(QStringLiteral("/no/such/folder"), QString());
        panel->run();
        QVERIFY(!panel->isRunning());
        QVERIFY2(panel->status().contains(QStringLiteral("\"/no/such/folder\" is not a folder")),
                 qPrintable(panel->status()));
    }

    void runsSortsAndOpensARow() {
        DatasetProbePanel* panel = window_->probePanel();
        panel->setFolders(data_.path(), data_.path());
        panel->run();
        QVERIFY(panel->isRunning() || panel->rowCount() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 120000);
        QVERIFY2(panel->status().contains(QStringLiteral("3 items computed")), qPrintable(panel->status()));
        panel->selectMetric(QStringLiteral("auroc"), QStringLiteral("attention"));
        QCOMPARE(panel->rowCount(), 3 * 5);  // 3 inputs x the 5 attention stages (block1-4, llm.block)
        // The table holds what the items hold.
        const std::vector<ProbeRow> rows = readAllItems(panel->outputFolder().toStdString());
        QTableView* table = panel->table();
        table->sortByColumn(4, Qt::DescendingOrder);
        double previous = INFINITY;
        int matched = 0;
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            const double v = table->model()->index(r, 4).data(Qt::UserRole).toDouble();
            QVERIFY(v <= previous);
            previous = v;
            const QString stage = table->model()->index(r, 2).data(Qt::UserRole).toString();
            const QString input = table->model()->index(r, 0).data().toString();
            for (const ProbeRow& p : rows)
                if (p.metric == "auroc" && p.map == "attention" && p.stage == stage.toStdString() &&
                    QFileInfo(QString::fromStdString(p.input)).fileName() == input) {
                    QCOMPARE(QString::number(p.value, 'g', 6), table->model()->index(r, 4).data().toString());
                    ++matched;
                }
        }
        QCOMPARE(matched, 15);
        // Names, not ids: the stage column and the chart's axis use the plugin's labels, the metric combo
        // and the value column's header the metric's name.
        QStringList stageNames;
        for (int r = 0; r < table->model()->rowCount(); ++r)
            stageNames << table->model()->index(r, 2).data().toString();
        QVERIFY2(stageNames.contains(QStringLiteral("Frozen LLaMA block")) &&
                     stageNames.contains(QStringLiteral("ViT block 1")) &&
                     !stageNames.contains(QStringLiteral("llm.block")),
                 qPrintable(stageNames.join(QLatin1Char(','))));
        QCOMPARE(table->model()->headerData(4, Qt::Horizontal).toString(), QStringLiteral("AUROC"));
        auto* chart = panel->findChild<ProbeStageChart*>();
        QVERIFY(chart);
        const auto axes = chart->chart()->axes(Qt::Horizontal);
        QCOMPARE(axes.size(), 1);
        QCOMPARE(qobject_cast<QCategoryAxis*>(axes.front())->categoriesLabels(),
                 QStringList({QStringLiteral("ViT block 1"), QStringLiteral("ViT block 2"),
                              QStringLiteral("ViT block 3"), QStringLiteral("ViT block 4"),
                              QStringLiteral("Frozen LLaMA block")}));
        QCOMPARE(chart->chart()->title(),
                 QStringLiteral("AUROC of the attention map per stage (95% interval)"));
        QVERIFY(chart->height() >= 300);
        auto* metrics = panel->findChild<QComboBox*>(QStringLiteral("probeMetric"));
        QStringList metricNames;
        for (int i = 0; i < metrics->count(); ++i)
            metricNames << metrics->itemText(i);
        QVERIFY2(metricNames.contains(QStringLiteral("IoU at the best threshold")) &&
                     !metricNames.contains(QStringLiteral("miou_best")),
                 qPrintable(metricNames.join(QLatin1Char(','))));
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("probe-panel.png")));

        // A click opens that input at that stage, on the attention map.
        const QModelIndex first = table->model()->index(0, 0);
        const QString stage = table->model()->index(0, 2).data(Qt::UserRole).toString();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(first).center());
        QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(session_->document().currentInput()).fileName(),
                                  first.data().toString(), 60000);
        QCOMPARE(QString::fromStdString(session_->selection().state().stage), stage);
        QCOMPARE(session_->selection().state().analysis, MapKind::Attention);

        // The same probe again resumes: nothing is recomputed.
        panel->run();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 60000);
        QVERIFY2(panel->status().contains(QStringLiteral("0 items computed, 3 already done")),
                 qPrintable(panel->status()));
    }

    void cancelKeepsFinishedItemsAndResumes() {
        const QString masks = testpaths::sharedData() + QStringLiteral("/masks/");
        QTemporaryDir forty, out;
        // 40 inputs: the 8 masked photos of the shared data, five times under new names, with their masks.
        const QStringList stems = QDir(masks).entryList({QStringLiteral("*_mask.png")});
        QVERIFY(stems.size() >= 8);
        for (int i = 0; i < 40; ++i) {
            const QString mask = stems[i % 8],
                          photo = QString(mask).replace(QStringLiteral("_mask.png"), QString());
            const QString jpg = QFile::exists(masks + photo + QStringLiteral(".jpg"))
                                    ? photo + QStringLiteral(".jpg")
                                    : photo + QStringLiteral(".png");
            const QString name = QStringLiteral("in%1_%2").arg(i, 2, 10, QLatin1Char('0')).arg(photo);
            QVERIFY(
                QFile::copy(masks + jpg, forty.filePath(name + QLatin1Char('.') + QFileInfo(jpg).suffix())));
            QVERIFY(QFile::copy(masks + mask, forty.filePath(name + QStringLiteral("_mask.png"))));
        }
        DatasetProbePanel* panel = window_->probePanel();
        RunStatusWidget* status = window_->findChild<RunStatusWidget*>();
        QVERIFY(status);
        panel->setFolders(forty.path(), forty.path());
        panel->setOutputFolder(out.path());
        panel->run();
        QVERIFY(panel->isRunning());
        const QString items = out.filePath(QStringLiteral("items/demo-vit-llama"));
        const auto itemCount = [&] { return QDir(items).entryList({QStringLiteral("*.csv")}).size(); };
        // The probe's items are background tasks the status bar shows, with what waits.
        QTRY_VERIFY_WITH_TIMEOUT(itemCount() >= 2, 120000);
        testwindow::settle();
        QVERIFY2(status->isVisible() && status->queueText().contains(QStringLiteral("waiting")),
                 qPrintable(status->queueText()));
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("probe-running-status.png")));
        QTest::mouseClick(status->cancelButton(), Qt::LeftButton);  // the status bar's Cancel
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(!session_->tasks().isBusy(), 60000);
        QCOMPARE(session_->tasks().outstanding(), 0);  // the queue is empty
        QVERIFY(session_->tasks().tasks().empty());
        const int kept = itemCount();
        QVERIFY2(kept >= 2 && kept < 40, qPrintable(QString::number(kept)));
        QVERIFY2(panel->status().contains(QStringLiteral("cancelled: Run again to finish")),
                 qPrintable(panel->status()));
        QVERIFY(panel->reportPath().isEmpty());  // no report from half a probe
        QCOMPARE(panel->rowCount() % 5, 0);
        QVERIFY(panel->rowCount() > 0);  // the finished items are shown

        panel->run();  // the same probe again: only what is missing
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 300000);
        QVERIFY2(panel->status().contains(
                     QStringLiteral("%1 items computed, %2 already done, 0 failed").arg(40 - kept).arg(kept)),
                 qPrintable(panel->status()));
        QCOMPARE(itemCount(), 40);
        QVERIFY(QFileInfo::exists(panel->reportPath()));
    }

    // A labels file: a bad one is said in place; a good one adds the prediction rows, the accuracy in the
    // status (the mean of the rows' `correct`) and the same probe.csv as `filterscope-cli probe --labels`.
    void labelsFileAddsThePredictionRows() {
        DatasetProbePanel* panel = window_->probePanel();
        panel->setFolders(data_.path(), QString(), QStringLiteral("/no/such/labels.csv"));
        panel->run();
        QVERIFY(!panel->isRunning());
        QVERIFY2(panel->status().contains(QStringLiteral("\"/no/such/labels.csv\" is not a labels file.")),
                 qPrintable(panel->status()));
        QTemporaryDir files, dock, cli;
        const auto write = [&](const QString& name, const QByteArray& text) {
            QFile f(files.filePath(name));
            return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
        };
        QVERIFY(write(QStringLiteral("bad.csv"), "input,class\nx.png,1\n"));
        panel->setFolders(data_.path(), QString(), files.filePath(QStringLiteral("bad.csv")));
        panel->run();
        QVERIFY(!panel->isRunning());
        QVERIFY2(panel->status().startsWith(files.filePath(QStringLiteral("bad.csv")) +
                                            QStringLiteral(": line 1: no column \"label\"")),
                 qPrintable(panel->status()));
        const QString in = data_.path() + QLatin1Char('/');
        QVERIFY(write(QStringLiteral("labels.csv"),
                      ("input,label\n" + in + "coco_000000000165.jpg,0\n" + in +
                       "oxford_pet_british_shorthair_103.jpg,7\n" + in + "oxford_pet_maine_coon_201.jpg,2\n")
                          .toUtf8()));
        const QString labels = files.filePath(QStringLiteral("labels.csv"));
        panel->setFolders(data_.path(), QString(), labels);
        panel->setOutputFolder(dock.path());
        panel->run();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 120000);
        double right = 0;
        int count = 0;
        for (const ProbeRow& r : readAllItems(dock.path().toStdString()))
            if (r.metric == "correct" && r.stage == "output" && r.map == "label") {
                right += r.value;
                ++count;
            }
        QCOMPARE(count, 3);
        QVERIFY2(panel->status().contains(QStringLiteral("Accuracy of demo-vit-llama: %1% (95% interval ")
                                              .arg(100 * right / 3, 0, 'f', 1)),
                 qPrintable(panel->status()));
        panel->selectMetric(QStringLiteral("p_label"), QStringLiteral("norm"));
        QCOMPARE(panel->rowCount(), 3);  // one prediction row per input, whatever the Map combo says
        QVERIFY(!panel->findChild<QComboBox*>(QStringLiteral("probeMap"))->isEnabled());
        QProcess probe;
        probe.start(testpaths::buildDir() + QStringLiteral("/bin/filterscope-cli"),
                    {QStringLiteral("probe"), QStringLiteral("--plugin"), testpaths::demoPlugin(),
                     QStringLiteral("--input"), data_.path(), QStringLiteral("--labels"), labels,
                     QStringLiteral("--out"), cli.path(), QStringLiteral("--device"), QStringLiteral("cpu"),
                     QStringLiteral("--quiet")});
        QVERIFY(probe.waitForFinished(300000));
        QVERIFY2(probe.exitCode() == 0, probe.readAllStandardError().constData());
        for (const QString& name : {QStringLiteral("probe.csv"), QStringLiteral("summary.csv")}) {
            QFile a(dock.filePath(name)), b(cli.filePath(name));
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            QVERIFY2(a.readAll() == b.readAll(), qPrintable(name));
        }
        panel->selectMetric(QStringLiteral("auroc"), QStringLiteral("norm"));
        QVERIFY(panel->findChild<QComboBox*>(QStringLiteral("probeMap"))->isEnabled());
    }

    // What the dock writes is what `filterscope-cli probe` writes for the same inputs: tables and figures
    // byte for byte, the report but for the lines that say how and when it was made.
    void writesTheSameReportAsTheCli() {
        QTemporaryDir dock, cli;
        DatasetProbePanel* panel = window_->probePanel();
        panel->setFolders(data_.path(), data_.path());
        panel->setOutputFolder(dock.path());
        panel->run();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 120000);
        QVERIFY2(!panel->reportPath().isEmpty(), qPrintable(panel->status()));
        QProcess probe;
        probe.start(testpaths::buildDir() + QStringLiteral("/bin/filterscope-cli"),
                    {QStringLiteral("probe"), QStringLiteral("--plugin"), testpaths::demoPlugin(),
                     QStringLiteral("--input"), data_.path(), QStringLiteral("--masks"), data_.path(),
                     QStringLiteral("--out"), cli.path(), QStringLiteral("--device"), QStringLiteral("cpu"),
                     QStringLiteral("--quiet")});
        QVERIFY(probe.waitForFinished(300000));
        QVERIFY2(probe.exitCode() == 0, probe.readAllStandardError().constData());
        const auto read = [](const QString& path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("missing: ") + path.toUtf8();
        };
        QStringList files = {QStringLiteral("probe.csv"), QStringLiteral("summary.csv"),
                             QStringLiteral("paired.csv")};
        for (const QString& f : QDir(cli.filePath(QStringLiteral("figures"))).entryList(QDir::Files))
            files << QStringLiteral("figures/") + f;
        QVERIFY(files.size() > 3 + 9);  // the curves of every headline metric, PNG and PDF, and the extremes
        QVERIFY(files.contains(QStringLiteral("figures/extremes_demo-vit-llama.png")));
        QCOMPARE(QDir(dock.filePath(QStringLiteral("figures"))).entryList(QDir::Files).size(),
                 files.size() - 3);
        for (const QString& f : files)
            if (!f.endsWith(QLatin1String(".pdf")))  // PDFs carry their creation time
                QVERIFY2(read(dock.filePath(f)) == read(cli.filePath(f)), qPrintable(f));
        const QRegularExpression how(QStringLiteral("Command: <code>[^<]*</code><br>Written [^<]*"));
        QString a = QString::fromUtf8(read(dock.filePath(QStringLiteral("report.html"))));
        QString b = QString::fromUtf8(read(cli.filePath(QStringLiteral("report.html"))));
        QVERIFY2(a.contains(how), qPrintable(a.right(600)));
        QVERIFY2(b.contains(how) && b.contains(QStringLiteral("Command: <code>filterscope-cli probe")),
                 qPrintable(b.right(600)));
        QVERIFY(a.contains(QStringLiteral("Command: <code>Filterscope window, Probe dock")));
        a.remove(how);
        b.remove(how);
        QVERIFY(a.size() > 10000);
        QCOMPARE(a, b);
    }
};

FILTERSCOPE_TEST_MAIN(DatasetProbePanelTest)
#include "DatasetProbePanelTest.moc"

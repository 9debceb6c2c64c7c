// The Probe dock: the open plugin over a folder of real photos with masks, on a worker thread; the table
// holds what probe.csv holds, sorts, and a click opens that input at that stage and map; bad folders are
// said in place. Saves a screenshot (FILTERSCOPE_SCREENSHOTS).
#include "MainWindow.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "probe/ProbeItems.h"
#include "session/Workbench.h"
#include "views/DatasetProbePanel.h"

#include <QDockWidget>
#include <QFile>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
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
            const QString stage = table->model()->index(r, 2).data().toString();
            const QString input = table->model()->index(r, 0).data().toString();
            for (const ProbeRow& p : rows)
                if (p.metric == "auroc" && p.map == "attention" && p.stage == stage.toStdString() &&
                    QFileInfo(QString::fromStdString(p.input)).fileName() == input) {
                    QCOMPARE(QString::number(p.value, 'g', 6), table->model()->index(r, 4).data().toString());
                    ++matched;
                }
        }
        QCOMPARE(matched, 15);
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("probe-panel.png")));

        // A click opens that input at that stage, on the attention map.
        const QModelIndex first = table->model()->index(0, 0);
        const QString stage = table->model()->index(0, 2).data().toString();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(first).center());
        QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(session_->document().currentInput()).fileName(), first.data().toString(),
                                  60000);
        QCOMPARE(QString::fromStdString(session_->selection().state().stage), stage);
        QCOMPARE(session_->selection().state().analysis, MapKind::Attention);

        // The same probe again resumes: nothing is recomputed.
        panel->run();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isRunning(), 60000);
        QVERIFY2(panel->status().contains(QStringLiteral("0 items computed, 3 already done")),
                 qPrintable(panel->status()));
    }
};

QTEST_MAIN(DatasetProbePanelTest)
#include "DatasetProbePanelTest.moc"

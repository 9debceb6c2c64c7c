// State that fits the plugin (issue 27, items 2, 5 and 6): a map kind the plugin lacks cannot be picked,
// by the Map combo or by its shortcut; a map kind picked on a stage without it moves to the nearest stage
// that has it; B's stand-in stage in compare has the map, or B says it has none at any stage (never
// "Waiting"); a selection restored from another plugin gives way to the Q-Former's query maps.
#include "MainWindow.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "plugin/MapAvailability.h"
#include "session/Workbench.h"
#include "views/CompareSummaryPanel.h"
#include "views/CompareView.h"
#include "views/MapOverlayView.h"

#include <QAction>
#include <QComboBox>
#include <QtTest>

#include <algorithm>

using namespace filterscope;

namespace {

bool has(const std::vector<std::string>& list, const std::string& s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

class SelectionFitsPluginTest : public QObject {
    Q_OBJECT
    Workbench* session_ = nullptr;
    MainWindow* window_ = nullptr;

    QAction* shortcut(int key) const {
        for (QAction* a : window_->findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key(key)))
                return a;
        return nullptr;
    }
    QString plugin(const char* name) const {
        return testpaths::buildDir() + QStringLiteral("/plugins/") + name;
    }
    bool idle() const {
        return QTest::qWaitFor([this] { return !session_->scheduler().isBusy(); }, 60000);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(testwindow::open(this, session_, window_, plugin("demo-vit-llama"), testpaths::demoImage()));
    }
    void cleanupTestCase() { delete window_; }

    void shortcutsFollowTheMapCombo() {
        session_->selection().setAnalysis(MapKind::Activation);
        QAction* query = shortcut(Qt::Key_6);
        QAction* relevance = shortcut(Qt::Key_8);
        QAction* attention = shortcut(Qt::Key_5);
        QVERIFY(query && relevance && attention);
        QCOMPARE(query->text(), QStringLiteral("Q-Former query"));
        QVERIFY(!query->isEnabled() && !relevance->isEnabled());  // no xattn.* captures in this plugin
        QVERIFY(attention->isEnabled());
        window_->activateWindow();
        QTest::keyClick(window_, Qt::Key_6, Qt::ControlModifier);
        QTest::keyClick(window_, Qt::Key_8, Qt::ControlModifier);
        QCOMPARE(session_->selection().state().analysis, MapKind::Activation);  // nothing happened
        QTest::keyClick(window_, Qt::Key_5, Qt::ControlModifier);
        QCOMPARE(session_->selection().state().analysis, MapKind::Attention);
    }

    void aKindPickedWhereItIsMissingMovesToTheNearestStageWithIt() {
        const auto p = session_->document().plugin(0);
        session_->selection().setAnalysis(MapKind::Activation);
        session_->selection().setStage("embed");  // tokens, no attention
        QVERIFY(!has(stagesWithMap(*p, MapKind::Attention), "embed"));
        session_->selection().setAnalysis(MapKind::Attention);
        QCOMPARE(session_->selection().state().stage, std::string("block1"));  // the nearest in depth
        QVERIFY(idle());
        testwindow::settle();
        QVERIFY2(window_->overlayView()->emptyReason().isEmpty(),
                 qPrintable(window_->overlayView()->emptyReason()));
        session_->selection().setAnalysis(MapKind::Activation);
    }

    void bStandsInWithAStageThatHasTheMap() {
        session_->scheduler().loadPlugin(plugin("demo-vit-baseline"), 1);
        window_->setCompareMode(true);
        QTRY_VERIFY_WITH_TIMEOUT(session_->document().result(1) != nullptr, 60000);
        QVERIFY(idle());
        session_->selection().setStage("llm.block");
        session_->selection().setAnalysis(MapKind::Attention);
        const auto b = session_->document().plugin(1);
        const std::string stage = session_->maps().stageFor(1);
        QVERIFY2(has(stagesWithMap(*b, MapKind::Attention), stage),
                 stage.c_str());  // was "norm": no attention
        QCOMPARE(stage, std::string("block4"));
        QVERIFY(idle());
        testwindow::settle();
        CompareView* c = window_->compareView();
        QVERIFY2(c->comparison()->emptyReason().isEmpty(), qPrintable(c->comparison()->emptyReason()));
        QVERIFY2(c->difference()->emptyReason().isEmpty(), qPrintable(c->difference()->emptyReason()));
        QVERIFY(!c->summary()->summary().contains(QStringLiteral("Waiting")));
        QVERIFY2(c->comparison()->panel().title.contains(QStringLiteral("block4 (it has no llm.block)")),
                 qPrintable(c->comparison()->panel().title));
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("compare-attention-stand-in.png")));
        // The hover read-out names its panel.
        QVERIFY2(c->comparison()->describeToken(5).startsWith(QStringLiteral("B, token 6 (row 0, col 5): ")),
                 qPrintable(c->comparison()->describeToken(5)));
        QVERIFY(c->primary()->describeToken(5).startsWith(QStringLiteral("A, token 6")));
        QVERIFY(c->difference()->describeToken(5).startsWith(QStringLiteral("A − B, token 6")));
        QVERIFY(window_->overlayView()->describeToken(5).startsWith(QStringLiteral("token 6")));
    }

    // The three panels fill the central area at both window sizes (each at least 35% of its width or
    // height, the map itself at least a quarter of the shorter side), titles whole or on two lines.
    void compareFillsTheCentralArea() {
        QVERIFY(window_->compareMode());
        CompareView* c = window_->compareView();
        for (const QSize size : {QSize(1280, 800), QSize(1920, 1080)}) {
            window_->resize(size);
            QTRY_VERIFY(c->isVisible());
            testwindow::settle();
            QWidget* central = window_->centralWidget();
            for (MapOverlayView* v : {c->primary(), c->comparison(), c->difference()}) {
                const double w = double(v->width()) / central->width(),
                             h = double(v->height()) / central->height();
                QVERIFY2(w >= 0.35 || h >= 0.35, qPrintable(QStringLiteral("%1x%2 of %3x%4")
                                                                .arg(v->width())
                                                                .arg(v->height())
                                                                .arg(central->width())
                                                                .arg(central->height())));
                const QRectF map = v->shownMapRect();
                QVERIFY2(std::min(map.width(), map.height()) >=
                             0.25 * std::min(central->width(), central->height()),
                         qPrintable(QStringLiteral("map %1x%2").arg(map.width()).arg(map.height())));
            }
            QVERIFY(testwindow::saveScreenshot(
                window_, QStringLiteral("compare-%1x%2.png").arg(size.width()).arg(size.height())));
        }
        window_->resize(1280, 800);
        testwindow::settle();
    }

    // One colour range for A and B, a range each, or automatic (joined exactly when B shows A's stage).
    void theCompareScaleIsAVisibleChoice() {
        CompareView* c = window_->compareView();
        const auto ownA = session_->maps().colourRange(0, session_->maps().stageFor(0));
        const auto ownB = session_->maps().colourRange(1, session_->maps().stageFor(1));
        QVERIFY(session_->maps().stageFor(1) != session_->maps().stageFor(0));  // B stands in
        QCOMPARE(session_->selection().state().compareScale, CompareScale::Automatic);
        testwindow::settle();
        QCOMPARE(c->summary()->scaleChoice()->currentText(), QStringLiteral("Automatic: a range each"));
        QCOMPARE(c->primary()->panel().lo, ownA.first);
        QCOMPARE(c->comparison()->panel().hi, ownB.second);
        c->summary()->scaleChoice()->setCurrentIndex(1);  // A and B joined
        QCOMPARE(session_->selection().state().compareScale, CompareScale::Joint);
        testwindow::settle();
        QCOMPARE(c->primary()->panel().lo, std::min(ownA.first, ownB.first));
        QCOMPARE(c->primary()->panel().hi, std::max(ownA.second, ownB.second));
        QCOMPARE(c->comparison()->panel().hi, c->primary()->panel().hi);
        QVERIFY(c->primary()->panel().valueLabel.endsWith(QStringLiteral(", A and B joint scale")));
        c->summary()->scaleChoice()->setCurrentIndex(0);
        session_->selection().setStage("block2");  // both have it: automatic joins them
        QVERIFY(idle());
        testwindow::settle();
        QCOMPARE(session_->maps().stageFor(1), std::string("block2"));
        QCOMPARE(c->summary()->scaleChoice()->currentText(), QStringLiteral("Automatic: joined"));
        QCOMPARE(c->comparison()->panel().lo, c->primary()->panel().lo);
        session_->selection().setStage("llm.block");
        QVERIFY(idle());
    }

    // A restored selection from another plugin (final norm, attention) on the Q-Former: its query maps.
    void aRestoredSelectionGivesWayToTheQformersQueries() {
        ViewSelection restored = session_->selection().state();
        restored.stage = "norm";
        restored.analysis = MapKind::Attention;
        session_->selection().restore(restored);
        session_->scheduler().loadPlugin(plugin("demo-vit-qformer"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(session_->document().plugin(0) &&
                                     session_->document().plugin(0)->id() == "demo-vit-qformer" &&
                                     session_->document().result(0),
                                 60000);
        QVERIFY(idle());
        const auto q = session_->document().plugin(0);
        QCOMPARE(session_->selection().state().analysis, MapKind::Query);
        QCOMPARE(session_->selection().state().stage, q->crossAttentionStages().back());
        testwindow::settle();
        QVERIFY2(window_->overlayView()->emptyReason().isEmpty() || window_->compareMode(),
                 qPrintable(window_->overlayView()->emptyReason()));
        QVERIFY(shortcut(Qt::Key_6)->isEnabled());
        // B (the baseline) has no query maps at any stage: said, and A − B says why it has no difference.
        QVERIFY(window_->compareMode());
        testwindow::settle();
        CompareView* c = window_->compareView();
        QCOMPARE(c->comparison()->emptyReason(),
                 QStringLiteral("B (demo-vit-baseline) has no Q-Former query map at any stage"));
        QCOMPARE(c->difference()->emptyReason(),
                 QStringLiteral("No difference: B has no Q-Former query map to compare"));
        QCOMPARE(c->summary()->summary(),
                 QStringLiteral("No difference: B has no Q-Former query map to compare"));
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("compare-b-has-no-queries.png")));
        window_->setCompareMode(false);
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("qformer-restored.png")));
    }
};

FILTERSCOPE_TEST_MAIN(SelectionFitsPluginTest)
#include "SelectionFitsPluginTest.moc"

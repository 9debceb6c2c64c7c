// The Variants menu on the demo "llm" plugin: it lists the plugin's four variants twice (show / compare
// with), switching and comparing load the right variant, the compare titles name the variants, and the
// maps equal core's for that variant. Screenshots of the window and the menu go to FILTERSCOPE_SCREENSHOTS.
#include "MainWindow.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "VariantMenu.h"
#include "WorkbenchTestWindow.h"
#include "analysis/TokenNormAnalysis.h"
#include "input/ImageLoader.h"
#include "input/ImagePreprocessor.h"
#include "plugin/ModelPlugin.h"
#include "session/Workbench.h"
#include "views/CompareView.h"
#include "views/MapOverlayView.h"

#include <QDir>
#include <QMenuBar>
#include <QStandardPaths>
#include <QtTest>

using namespace filterscope;

class VariantMenuTest : public QObject {
    Q_OBJECT
    Workbench* session_ = nullptr;
    MainWindow* window_ = nullptr;
    const QString plugin_ = testpaths::buildDir() + QStringLiteral("/plugins/demo-vit-ablations");

    QAction* action(const QString& text, int occurrence) {
        auto* menu = window_->findChild<VariantMenu*>();
        int seen = 0;
        for (QAction* a : menu->actions())
            if (a->text() == text && seen++ == occurrence)
                return a;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(testwindow::open(this, session_, window_, plugin_, testpaths::demoImage()));
    }
    void cleanupTestCase() { delete window_; }

    void listsEveryVariantTwice() {
        auto* menu = window_->findChild<VariantMenu*>();
        QVERIFY(menu && menu->isEnabled());
        for (const char* label : {"+LLM layer 0", "+random block", "+identity", "baseline"}) {
            QVERIFY2(action(QString::fromLatin1(label), 0), label);
            QVERIFY2(action(QString::fromLatin1(label), 1), label);
        }
        QVERIFY(action(QStringLiteral("+LLM layer 0"), 0)->isChecked());
        menu->popup(window_->mapToGlobal(QPoint(120, 30)));
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(menu, QStringLiteral("variant-menu.png")));
        menu->hide();
    }

    void compareWithBaselineShowsBothVariants() {
        action(QStringLiteral("baseline"), 1)->trigger();
        QVERIFY(window_->compareMode());
        QTRY_VERIFY_WITH_TIMEOUT(session_->document().plugin(1) && session_->document().result(1), 30000);
        QTRY_VERIFY(!session_->scheduler().isBusy());
        QCOMPARE(session_->document().plugin(1)->id(), std::string("demo-vit-ablations@baseline"));
        session_->selection().setAnalysis(MapKind::Norm);
        session_->selection().setStage("llm.block");
        // The baseline has no LLM stage: its stage as deep as A's llm.block stands in (not its final norm,
        // whose values would flatten A on the joint scale).
        QCOMPARE(session_->maps().stageFor(1), std::string("block4"));
        CompareView* c = window_->compareView();
        QVERIFY(c->primary()->panel().title.startsWith(QStringLiteral("A: +LLM layer 0 · llm.block")));
        QVERIFY(c->comparison()->panel().title.startsWith(QStringLiteral("B: baseline · block4")));
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("variants-compare.png")));
    }

    void switchingTheShownVariantRunsIt() {
        action(QStringLiteral("+random block"), 0)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(session_->document().plugin(0) &&
                                     session_->document().plugin(0)->id() == "demo-vit-ablations@random",
                                 30000);
        QTRY_VERIFY_WITH_TIMEOUT(session_->document().result(0) && !session_->scheduler().isBusy(), 30000);
        session_->selection().setStage("llm.block");
        // The view shows core's numbers for the random-block variant, not the real layer's.
        const auto plugin = ModelPlugin::load(plugin_.toStdString(), DevicePreference::Cpu, "random");
        const FloatArray tokens =
            plugin
                ->run(prepareImage(loadImage(testpaths::demoImage().toStdString()), plugin->manifest().input)
                          .tensor,
                      "ref")
                .get("tokens.llm.block");
        const FloatArray norms = computeTokenNorms(tokens, plugin->manifest().tokens).grid;
        for (int t : {0, 77, 195})
            QCOMPARE(window_->compareView()->primary()->valueAt(t), norms.data[t]);
        QVERIFY(action(QStringLiteral("+random block"), 0)->isChecked());
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("variants-random-vs-baseline.png")));
    }
};

FILTERSCOPE_TEST_MAIN(VariantMenuTest)
#include "VariantMenuTest.moc"

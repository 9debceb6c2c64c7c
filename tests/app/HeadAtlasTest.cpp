// The Heads dock (issue 27, item 7): entropies with as many decimals as tell a stage's heads apart, stage
// labels, and every head of a stage opened large, where hovering a token shows its row in all heads at
// once (checked against the plugin's own attention capture, read here by index).
#include "MainWindow.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "input/ImageLoader.h"
#include "input/ImagePreprocessor.h"
#include "session/Workbench.h"
#include "views/HeadAtlasView.h"
#include "views/HeadGridView.h"

#include <QDockWidget>
#include <QMouseEvent>
#include <QPushButton>
#include <QtTest>

using namespace filterscope;

class HeadAtlasTest : public QObject {
    Q_OBJECT
    Workbench* session_ = nullptr;
    MainWindow* window_ = nullptr;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(testwindow::open(this, session_, window_, testpaths::demoPlugin(), testpaths::demoImage()));
        for (QDockWidget* d : window_->findChildren<QDockWidget*>())
            if (d->objectName() == QLatin1String("headsDock"))
                d->raise();
    }
    void cleanupTestCase() { delete window_; }

    void entropiesGetTheDecimalsThatTellHeadsApart() {
        QCOMPARE(HeadGridView::entropyDecimals({0.61, 0.74, 0.93}), 2);
        QCOMPARE(HeadGridView::entropyDecimals({0.9991, 0.9975, 0.9962}), 3);  // all "1.00" at two
        QCOMPARE(HeadGridView::entropyDecimals({0.99931, 0.99934}), 4);
        QCOMPARE(HeadGridView::entropyDecimals({0.5, 0.5}), 2);  // equal heads need no more
        QCOMPARE(HeadGridView::entropyDecimals({}), 2);
    }

    void everyHeadOfAStageLargeFollowsTheHoveredToken() {
        const auto plugin = session_->document().plugin(0);
        const TokenLayout& layout = plugin->manifest().tokens;
        const CaptureSet ref = plugin->run(
            prepareImage(loadImage(testpaths::demoImage().toStdString()), plugin->manifest().input).tensor,
            "ref");
        const FloatArray& attn = ref.get("attn.llm.block");
        const int heads = static_cast<int>(attn.shape[1]), n = static_cast<int>(attn.shape[2]);
        auto* panel = window_->headGrid();
        HeadAtlasView* atlas = panel->openLarge("llm.block");
        QVERIFY(atlas);
        QCOMPARE(panel->openLarge("llm.block"), atlas);  // raised, not opened twice
        QVERIFY(QTest::qWaitForWindowExposed(atlas->window()));
        testwindow::settle();
        QCOMPARE(atlas->shownQuery(), 0);  // CLS while nothing is hovered or picked
        // Hover token 37 on head 2: every head shows token 37's row.
        const QRectF cell = atlas->headRect(2, atlas->size());
        const int gw = 14, token = 37;
        const QPointF at(cell.left() + (token % gw + 0.5) * cell.width() / gw,
                         cell.top() + (token / gw + 0.5) * cell.height() / gw);
        QMouseEvent move(QEvent::MouseMove, at, atlas->mapToGlobal(at), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QCoreApplication::sendEvent(atlas, &move);
        QTRY_COMPARE(atlas->shownQuery(), layout.prefix + token);
        QVERIFY(atlas->caption().contains(QStringLiteral("token 37 (row 2, col 9)")));
        for (int h = 0; h < heads; ++h) {
            const FloatArray map = atlas->headMap(h);
            QCOMPARE(map.shape, (std::vector<int64_t>{14, 14}));
            for (int t = 0; t < 196; t += 13)
                QCOMPARE(map.data[t],
                         attn.data[(size_t(h) * n + layout.prefix + token) * n + layout.prefix + t]);
        }
        QVERIFY(testwindow::saveScreenshot(atlas->window(), QStringLiteral("heads-large.png")));
        // A click keeps the token: the central view opens that attention.
        QTest::mouseClick(atlas, Qt::LeftButton, {}, at.toPoint());
        QCOMPARE(session_->selection().state().token, token);
        QCOMPARE(session_->selection().state().analysis, MapKind::Attention);
        QCOMPARE(session_->selection().state().stage, std::string("llm.block"));
        atlas->window()->close();
        session_->selection().setToken(-1);
    }
};

FILTERSCOPE_TEST_MAIN(HeadAtlasTest)
#include "HeadAtlasTest.moc"

// The workbench on a real video clip: the overlay follows the current frame's token-time slice, the
// scrubber, play and filmstrip move the frame, the per-frame curve holds core's numbers. Screenshots.
#include "MainWindow.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "analysis/ActivationAnalysis.h"
#include "analysis/TokenNormAnalysis.h"
#include "analysis/VideoAnalysis.h"
#include "input/InputPreparation.h"
#include "session/Workbench.h"
#include "views/FilmstripView.h"
#include "views/MapOverlayView.h"
#include "views/StageStripView.h"
#include "views/TimelinePanel.h"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QSlider>
#include <QStandardPaths>
#include <QToolButton>
#include <QtTest>

using namespace filterscope;

class VideoViewsTest : public QObject {
    Q_OBJECT
    Workbench* session_ = nullptr;
    MainWindow* window_ = nullptr;
    QString clip_;
    QString plugin_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        clip_ = testpaths::sharedData() + QStringLiteral("/video/big_buck_bunny_0_30.webm");
        if (!QFile::exists(clip_))
            clip_ = testpaths::buildDir() + QStringLiteral("/share/filterscope/demo/moving_shapes.avi");
        plugin_ = testpaths::buildDir() + QStringLiteral("/plugins/demo-vit-video");
        QVERIFY(testwindow::open(this, session_, window_, plugin_, clip_));
        session_->selection().setStage("llm.block");
        session_->selection().setAnalysis(MapKind::Activation);
    }
    void cleanupTestCase() { delete window_; }

    void overlayFollowsTheFrame() {
        const auto plugin = ModelPlugin::load(plugin_.toStdString(), DevicePreference::Cpu);
        const PreparedInput in = prepareInput(clip_.toStdString(), plugin->manifest());
        const CaptureSet caps = plugin->run(in.tensor, "ref");
        const FloatArray act =
            computeActivationMap(caps.get("tokens.llm.block"), plugin->manifest().tokens);  // [4,7,7]
        QCOMPARE(act.shape, (std::vector<int64_t>{4, 7, 7}));
        QCOMPARE(session_->maps().frameCount(0), 8);
        for (int frame : {0, 5, 7}) {
            session_->selection().setFrame(frame);
            const int t = frame / 2;  // tubelet 2
            for (int k = 0; k < 49; ++k)
                QCOMPARE(window_->overlayView()->valueAt(k), act.data[t * 49 + k]);
            QCOMPARE(window_->overlayView()->panel().image, &session_->document().result(0)->frames[frame]);
        }
        // One colour range for the whole clip, so colours mean the same in every frame.
        double lo = INFINITY, hi = -INFINITY;
        for (float v : act.data)
            lo = std::min(lo, double(v)), hi = std::max(hi, double(v));
        QCOMPARE(window_->overlayView()->panel().lo, lo);
        QCOMPARE(window_->overlayView()->panel().hi, hi);
        // The per-frame curve: mean and max norm of the frame's token-time step.
        const FloatArray curve =
            timeCurve(computeTokenNorms(caps.get("tokens.llm.block"), plugin->manifest().tokens).grid);
        const QVector<QPointF> mean = window_->timeline()->curve(0), max = window_->timeline()->curve(1);
        QCOMPARE(mean.size(), 8);
        for (int f = 0; f < 8; ++f) {
            QCOMPARE(mean[f].y(), double(curve.data[(f / 2) * 2]));
            QCOMPARE(max[f].y(), double(curve.data[(f / 2) * 2 + 1]));
        }
    }

    void scrubberPlayAndFilmstripMoveTheFrame() {
        TimelinePanel* tl = window_->timeline();
        tl->scrubber()->setValue(3);
        QCOMPARE(session_->selection().state().frame, 3);
        FilmstripView* strip = tl->filmstrip();
        QTest::mouseClick(strip, Qt::LeftButton, {}, strip->cellRect(6, strip->size()).center().toPoint());
        QCOMPARE(session_->selection().state().frame, 6);
        QCOMPARE(tl->scrubber()->value(), 6);
        tl->playButton()->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(session_->selection().state().frame == 0, 20000);  // 6 → 7 → wraps to 0
        tl->playButton()->setChecked(false);
        session_->selection().setFrame(5);
        testwindow::settle();
        QVERIFY(testwindow::saveScreenshot(window_, QStringLiteral("video-scrubber.png")));
    }

    void narrowStripKeepsNamesInTheirCells() {
        // Nine stages in 560 px (the strip beside the Timeline at 1280x800 is ~580): "Tubelet embedding" and
        // "Adapter in (192 to 256)" are wider than a cell. No text may cross the middle of a gap into the
        // neighbour's column, and each cell's name and range stay apart (a blank row between them).
        // A 12 pt interface font (as on a high-DPI desktop) makes every name wider than the default's.
        StageStripView* strip = window_->stageStrip();
        const QFont oldFont = strip->font();
        QFont large = oldFont;
        large.setPointSizeF(12);
        strip->setFont(large);
        const QSize oldSize = strip->size();
        strip->resize(560, 170);
        const QSize size = strip->size();
        const QImage img = strip->grab().toImage();
        const int n = static_cast<int>(session_->document().result(0)->maps.size());
        QCOMPARE(n, 9);
        const auto dark = [&](int x, int y) { return qGray(img.pixel(x, y)) < 160; };
        const int top = int(strip->cellRect(0, size).bottom()) + 6;  // below the selection frame
        for (int i = 1; i < n; ++i) {
            const int boundary = int(std::lround(
                (strip->cellRect(i - 1, size).center().x() + strip->cellRect(i, size).center().x()) / 2));
            for (int y = top; y < size.height(); ++y)
                QVERIFY2(!dark(boundary, y),
                         qPrintable(QStringLiteral("text crosses x = %1 at y = %2").arg(boundary).arg(y)));
        }
        for (int i = 0; i < n; ++i) {  // rows with ink under cell i: at least two separate runs (name, range)
            const QRectF c = strip->cellRect(i, size);
            const double half =
                (strip->cellRect(1, size).center().x() - strip->cellRect(0, size).center().x()) / 2;
            int runs = 0;
            bool inRun = false;
            for (int y = top; y < size.height(); ++y) {
                bool ink = false;
                for (int x = int(c.center().x() - half) + 1; x < int(c.center().x() + half); ++x)
                    ink = ink || dark(x, y);
                runs += ink && !inRun;
                inRun = ink;
            }
            QVERIFY2(runs >= 2, qPrintable(QString::number(i)));
        }
        strip->setFont(oldFont);
        strip->resize(oldSize);
    }

    void framesCountFromZeroAndSparseSamplingIsSaid() {
        session_->selection().setFrame(5);
        const auto r = session_->document().result(0);
        QVERIFY(window_->findChild<QLabel*>(QStringLiteral("frameLabel"))
                    ->text()
                    .startsWith(
                        QStringLiteral("sampled frame 5 of 0–7, file frame %1,").arg(r->frameIndices.at(5))));
        if (!clip_.endsWith(QLatin1String("big_buck_bunny_0_30.webm")))
            QSKIP("the 30 s clip of ../shared/data is not beside this checkout");
        // 720 frames at 24 fps, 8 of them seen: one every 3.8 s.
        QCOMPARE(r->notes.size(), size_t(1));
        QCOMPARE(
            QString::fromStdString(r->notes.front()),
            clip_ + QStringLiteral(": the model sees 8 of its 720 frames (uniform sampling, about one every "
                                   "3.8 s)"));
        // The clip's thumbnail is its first frame, as images have theirs.
        auto* inputs = window_->findChild<QListWidget*>();
        QTRY_VERIFY_WITH_TIMEOUT(!inputs->item(0)->icon().isNull(), 30000);
    }
};

FILTERSCOPE_TEST_MAIN(VideoViewsTest)
#include "VideoViewsTest.moc"

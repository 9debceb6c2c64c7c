// The VTK 3D view inside Qt 6 on a real scan (needs a display: CTest runs it under xvfb-run). Checks the
// points shown, a non-blank render, picking a point selects its group's token, and saves a screenshot.
#include "ExportActions.h"
#include "InterfaceLanguage.h"
#include "MainWindow.h"
#include "TestMain.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "color/Colormap.h"
#include "session/Workbench.h"
#include "views/StageStripView.h"
#include "vtk/PointCloudView.h"

#include <QDir>
#include <QLabel>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace filterscope;

namespace {

// Shows WINDOW on the CPU and opens SCAN with the bundled point-cloud plugin; false when not exposed.
bool openScan(Workbench& session, MainWindow& window, const QString& scan) {
    QStandardPaths::setTestModeEnabled(true);
    session.scheduler().setDevice(DevicePreference::Cpu);
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    session.scheduler().loadPlugin(testpaths::buildDir() + QStringLiteral("/plugins/demo-point-llama"), 0);
    window.openPaths({scan});
    return true;
}

}  // namespace

class PointCloudViewTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scanIn3D() {
        const QString scan = testpaths::sharedData() + QStringLiteral("/pointclouds/milk.pcd");
        if (!QFile::exists(scan))
            QSKIP("../shared/data is not beside this checkout");
        Workbench session;
        MainWindow window(&session);
        QVERIFY(openScan(session, window, scan));
        QTRY_VERIFY_WITH_TIMEOUT(session.document().result(0) != nullptr, 60000);
        QTRY_VERIFY(!session.scheduler().isBusy());
        session.selection().setStage("llm.block");
        PointCloudView* view = window.cloudView();
        QTRY_VERIFY(view->isVisible());
        QCOMPARE(view->pointCount(), 1024);
        testwindow::settle();
        const QImage frame = view->grabFramebuffer();
        QSet<QRgb> colours;
        for (int y = 0; y < frame.height(); y += 3)
            for (int x = 0; x < frame.width(); x += 3)
                colours.insert(frame.pixel(x, y));
        QVERIFY2(colours.size() > 50,
                 qPrintable(QStringLiteral("only %1 colours: blank render?").arg(colours.size())));
        // Click points until one is picked: its group becomes the selected token.
        const QRgb background = frame.pixel(2, 2);
        bool picked = false;
        for (int y = 0; y < frame.height() && !picked; y += 7)
            for (int x = 0; x < frame.width() * 4 / 5 && !picked; x += 7) {
                if (frame.pixel(x, y) == background)
                    continue;
                const QPoint pos(x * view->width() / frame.width(), y * view->height() / frame.height());
                const int point = view->pickPoint(pos);
                const int group = view->groupOfPoint(point);
                if (group < 0)
                    continue;
                QSignalSpy said(view, &PointCloudView::hoverTextChanged);
                QTest::mouseClick(view, Qt::LeftButton, {}, pos);
                QTRY_COMPARE(session.selection().state().token, group);
                QCOMPARE(said.size(), 1);  // the click names the point, its group, the centre and the value
                const QString text = said.front().front().toString();
                // The click picks again and may land on another point of the same group: read it back.
                const QRegularExpression pattern(
                    QStringLiteral(R"(^point \d+: group %1, centre \(-?[0-9.]+, -?[0-9.]+, -?[0-9.]+\), )"
                                   R"(activation -?[0-9.e+-]+$)")
                        .arg(group));
                QVERIFY2(pattern.match(text).hasMatch(), qPrintable(text));
                picked = true;
            }
        QVERIFY(picked);
        QCOMPARE(view->title(), QStringLiteral("demo-point-llama · Frozen LLaMA block · Activation"));
        testwindow::settle();
        // File > Export View exports the points, as PNG at 300 DPI and as PDF (rendered back by Poppler).
        QTemporaryDir exports;
        const QString png = exports.filePath(QStringLiteral("view.png"));
        QCOMPARE(window.exports()->exportCurrentView(png, 300), QString());
        const QImage exported(png);
        QCOMPARE(exported.width(), qRound(view->width() * 300 / 96.0));
        QSet<QRgb> exportedColours;
        for (int y = 0; y < exported.height(); y += 5)
            for (int x = 0; x < exported.width(); x += 5)
                exportedColours.insert(exported.pixel(x, y));
        QVERIFY2(
            exportedColours.size() > 50,
            qPrintable(QStringLiteral("export has %1 colours: points missing?").arg(exportedColours.size())));
        const QString pdf = exports.filePath(QStringLiteral("view.pdf"));
        QCOMPARE(window.exports()->exportCurrentView(pdf, 300), QString());
        QProcess poppler;
        poppler.start(QStringLiteral("pdftoppm"),
                      {QStringLiteral("-r"), QStringLiteral("96"), QStringLiteral("-png"),
                       QStringLiteral("-singlefile"), pdf, exports.filePath(QStringLiteral("pdf"))});
        QVERIFY(poppler.waitForFinished(60000) && poppler.exitCode() == 0);
        const QImage fromPdf(exports.filePath(QStringLiteral("pdf.png")));
        QSet<QRgb> pdfColours;
        for (int y = 0; y < fromPdf.height(); y += 3)
            for (int x = 0; x < fromPdf.width(); x += 3)
                pdfColours.insert(fromPdf.pixel(x, y));
        QVERIFY2(pdfColours.size() > 50, qPrintable(QString::number(pdfColours.size())));
        const QString dir = qEnvironmentVariable("FILTERSCOPE_SCREENSHOTS");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            // QWidget::grab composes a QOpenGLWidget without its GL content; paint the view's frame in.
            QPixmap shot = window.grab();
            QPainter painter(&shot);
            painter.drawImage(QRect(view->mapTo(&window, QPoint(0, 0)), view->size()),
                              view->grabFramebuffer());
            painter.end();
            QVERIFY(shot.save(dir + QStringLiteral("/pointcloud-3d.png")));
            QCOMPARE(window.exports()->exportPointCloudView(dir + QStringLiteral("/pointcloud-3d-view.png")),
                     QString());
            QFile::remove(dir + QStringLiteral("/pointcloud-export-300dpi.png"));
            QVERIFY(QFile::copy(png, dir + QStringLiteral("/pointcloud-export-300dpi.png")));
        }
    }

    // The stage strip draws each stage's values on the scan (it used to show empty boxes): the point
    // nearest the camera is drawn last, so its dot's centre has exactly its colour. Its value and position
    // are computed here from the group_index capture and the documented camera (yaw −35°, pitch 20°).
    void theStripShowsEveryStageOnThePoints() {
        const QString scan = testpaths::sharedData() + QStringLiteral("/pointclouds/bunny_res2.ply");
        if (!QFile::exists(scan))
            QSKIP("../shared/data is not beside this checkout");
        Workbench session;
        MainWindow window(&session);
        QVERIFY(openScan(session, window, scan));
        QTRY_VERIFY_WITH_TIMEOUT(session.document().result(0) != nullptr && !session.scheduler().isBusy(),
                                 60000);
        const auto r = session.document().result(0);
        const FloatArray* index = r->captures.find("group_index");
        QVERIFY(index && index->dim() == 3);
        const int64_t n = r->cloud.size(), groups = index->shape[1], k = index->shape[2];
        // Camera coordinates, the nearest point (largest z), and the cloud's projected bounding box.
        double minX = INFINITY, maxX = -INFINITY, minY = INFINITY, maxY = -INFINITY, nearZ = -INFINITY;
        int64_t nearest = -1;
        std::vector<double> cx(n), cy(n);
        const double yaw = -35.0 * M_PI / 180, pitch = 20.0 * M_PI / 180;
        for (int64_t i = 0; i < n; ++i) {
            const float* p = &r->cloud.xyz[i * 3];
            const double x1 = std::cos(yaw) * p[0] + std::sin(yaw) * p[2];
            const double z1 = -std::sin(yaw) * p[0] + std::cos(yaw) * p[2];
            cx[i] = x1;
            cy[i] = std::cos(pitch) * p[1] - std::sin(pitch) * z1;
            const double z = std::sin(pitch) * p[1] + std::cos(pitch) * z1;
            minX = std::min(minX, cx[i]), maxX = std::max(maxX, cx[i]);
            minY = std::min(minY, cy[i]), maxY = std::max(maxY, cy[i]);
            if (z > nearZ)
                nearZ = z, nearest = i;
        }
        StageStripView* strip = window.findChild<StageStripView*>();
        QVERIFY(strip);
        const QSize size(1800, 420);  // cells ~190 px: dots of ~2.7 px radius cover their centre pixel
        QImage shot(size, QImage::Format_RGB32);
        {
            QPainter p(&shot);
            strip->paintFigure(p, size);
        }
        const Colormap& cmap = Colormap::byName(session.selection().state().colormap);
        QSet<QRgb> nearestColours;
        for (int i = 0; i < int(r->maps.size()); ++i) {
            const std::string& stage = r->maps[i].stage;
            const auto map = session.maps().mapFor(0, stage);
            QVERIFY(map && map->dim() == 1 && map->shape[0] == groups);
            double sum = 0;
            int count = 0;
            for (int64_t g = 0; g < groups; ++g)
                for (int64_t j = 0; j < k; ++j)
                    if (int64_t(index->data[g * k + j]) == nearest)
                        sum += map->data[g], ++count;
            const auto [lo, hi] = session.maps().colourRange(0, stage);
            const Rgb want = count == 0 ? Rgb{170, 170, 170}
                                        : cmap.at(std::clamp((sum / count - lo) / (hi - lo), 0.0, 1.0));
            const QRectF cell = strip->cellRect(i, size);
            const double scale =
                0.9 * std::min(cell.width(), cell.height()) / std::max(maxX - minX, maxY - minY);
            const QPointF at(cell.center().x() + (cx[nearest] - (minX + maxX) / 2) * scale,
                             cell.center().y() - (cy[nearest] - (minY + maxY) / 2) * scale);
            QVERIFY2(shot.pixel(at.toPoint()) == qRgb(want.r, want.g, want.b),
                     qPrintable(QStringLiteral("%1: %2 at (%3, %4), want %5")
                                    .arg(QString::fromStdString(stage))
                                    .arg(shot.pixel(at.toPoint()), 0, 16)
                                    .arg(at.x())
                                    .arg(at.y())
                                    .arg(qRgb(want.r, want.g, want.b), 0, 16)));
            nearestColours.insert(shot.pixel(at.toPoint()));
            QSet<QRgb> inCell;  // a picture, not a flat box
            for (int y = int(cell.top()); y < int(cell.bottom()); y += 2)
                for (int x = int(cell.left()); x < int(cell.right()); x += 2)
                    inCell.insert(shot.pixel(x, y));
            QVERIFY2(inCell.size() > 40, qPrintable(QString::number(inCell.size())));
        }
        QVERIFY(nearestColours.size() > 1);  // stages differ
    }

    void aSmallScanIsPaddedWithANoteInTheWindow() {
        const QString scan =
            testpaths::sharedData() + QStringLiteral("/pointclouds/bunny.pcd");  // 397 points
        if (!QFile::exists(scan))
            QSKIP("../shared/data is not beside this checkout");
        Workbench session;
        MainWindow window(&session);
        QVERIFY(openScan(session, window, scan));
        QTRY_VERIFY_WITH_TIMEOUT(session.document().result(0) != nullptr && !session.scheduler().isBusy(),
                                 60000);
        const auto& notes = session.document().result(0)->notes;
        QCOMPARE(notes.size(), size_t(1));
        QCOMPARE(QString::fromStdString(notes.front()),
                 scan + QStringLiteral(": has 397 points, the plugin takes 1024: padded by repeating them in "
                                       "file order (model point i is point i mod 397)"));
        QString status;
        for (QLabel* l : window.statusBar()->findChildren<QLabel*>())
            status += l->text();
        QVERIFY2(status.contains(QStringLiteral("⚠ 1 note")), qPrintable(status));
        QCOMPARE(window.cloudView()->pointCount(), 1024);
        testwindow::settle();
        const QString dir = qEnvironmentVariable("FILTERSCOPE_SCREENSHOTS");
        if (!dir.isEmpty()) {
            QPixmap shot = window.grab();
            QPainter painter(&shot);
            PointCloudView* view = window.cloudView();
            painter.drawImage(QRect(view->mapTo(&window, QPoint(0, 0)), view->size()),
                              view->grabFramebuffer());
            painter.end();
            QVERIFY(shot.save(dir + QStringLiteral("/pointcloud-padded-scan.png")));
        }
    }

    // VTK's own fonts have no Chinese glyphs: the title's Chinese line came out blank (only its digits
    // drew, 29 px wide). Drawn from Noto Sans CJK, it is as wide as its ~20 characters. Last: the
    // translator stays installed for the rest of the process.
    void theChineseTitleIsDrawn() {
        const QString scan = testpaths::sharedData() + QStringLiteral("/pointclouds/bunny_res2.ply");
        if (!QFile::exists(scan))
            QSKIP("../shared/data is not beside this checkout");
        QCOMPARE(installInterfaceLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        Workbench session;
        MainWindow window(&session);
        QVERIFY(openScan(session, window, scan));
        QTRY_VERIFY_WITH_TIMEOUT(session.document().result(0) != nullptr && !session.scheduler().isBusy(),
                                 60000);
        session.selection().setStage("llm.block");
        PointCloudView* view = window.cloudView();
        QCOMPARE(view->title(), QStringLiteral("demo-point-llama · 冻结的 LLaMA 模块 · 激活"));
        testwindow::settle();
        // The title's lines: bands of rows with its light grey (242) text in the top left, and where
        // each band's text ends on the right.
        const QImage frame = view->grabFramebuffer();
        const auto isTitle = [](QRgb c) {
            return qRed(c) > 200 && std::abs(qRed(c) - qGreen(c)) < 8 && std::abs(qGreen(c) - qBlue(c)) < 8;
        };
        QList<int> lineEnds;
        bool inLine = false;
        for (int y = 0; y < frame.height() / 4; ++y) {
            int right = -1;
            for (int x = 0; x < frame.width() * 3 / 4; ++x)
                if (isTitle(frame.pixel(x, y)))
                    right = x;
            if (right >= 0 && !inLine)
                lineEnds << right;
            else if (right >= 0)
                lineEnds.back() = std::max(lineEnds.back(), right);
            inLine = right >= 0;
        }
        // Line 2: "灰色：N 个点不属于任何组（无数值）" (bunny_res2.ply has points in no group).
        QVERIFY2(lineEnds.size() >= 2, qPrintable(QString::number(lineEnds.size())));
        QVERIFY2(lineEnds[1] > 200, qPrintable(QStringLiteral("line 2 ends at x = %1").arg(lineEnds[1])));
    }
};

FILTERSCOPE_TEST_MAIN(PointCloudViewTest)
#include "PointCloudViewTest.moc"

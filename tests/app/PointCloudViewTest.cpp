// The VTK 3D view inside Qt 6 on a real scan (needs a display: CTest runs it under xvfb-run). Checks the
// points shown, a non-blank render, picking a point selects its group's token, and saves a screenshot.
#include "ExportActions.h"
#include "MainWindow.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "session/Workbench.h"
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
};

QTEST_MAIN(PointCloudViewTest)
#include "PointCloudViewTest.moc"

// The VTK 3D view inside Qt 6 on a real scan (needs a display: CTest runs it under xvfb-run). Checks the
// points shown, a non-blank render, picking a point selects its group's token, and saves a screenshot.
#include "MainWindow.h"
#include "TestPaths.h"
#include "WorkbenchTestWindow.h"
#include "session/ProbeSession.h"
#include "vtk/PointCloudView.h"

#include <QDir>
#include <QPainter>
#include <QSet>
#include <QStandardPaths>
#include <QtTest>

using namespace filterscope;

class PointCloudViewTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scanIn3D() {
        const QString scan = testpaths::sharedData() + QStringLiteral("/pointclouds/milk.pcd");
        if (!QFile::exists(scan))
            QSKIP("../shared/data is not beside this checkout");
        QStandardPaths::setTestModeEnabled(true);
        ProbeSession session;
        session.setDevice(DevicePreference::Cpu);
        MainWindow window(&session);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        session.loadPlugin(testpaths::buildDir() + QStringLiteral("/plugins/demo-point-llama"), 0);
        window.openPaths({scan});
        QTRY_VERIFY_WITH_TIMEOUT(session.result(0) != nullptr, 60000);
        QTRY_VERIFY(!session.isBusy());
        session.setStage("llm.block");
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
                QTest::mouseClick(view, Qt::LeftButton, {}, pos);
                QTRY_COMPARE(session.selection().token, group);
                picked = true;
            }
        QVERIFY(picked);
        testwindow::settle();
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
            QCOMPARE(window.exportPointCloudView(dir + QStringLiteral("/pointcloud-3d-view.png")), QString());
        }
    }
};

QTEST_MAIN(PointCloudViewTest)
#include "PointCloudViewTest.moc"

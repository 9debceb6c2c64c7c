#pragma once

// What the workbench GUI tests start from, and where their screenshots for a person go.
#include "MainWindow.h"
#include "session/Workbench.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QtTest>

namespace testwindow {

// A session on the CPU and a shown 1280×800 main window that has loaded PLUGIN (VARIANT, if given) and
// finished its first run on INPUT. Settings go to a test location. False when that did not happen in
// a minute; the caller QVERIFYs it.
inline bool open(QObject* owner, filterscope::Workbench*& session, filterscope::MainWindow*& window,
                 const QString& plugin, const QString& input, const QString& variant = QString()) {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FilterscopeTest"));
    session = new filterscope::Workbench(owner);
    session->scheduler().setDevice(filterscope::DevicePreference::Cpu);
    window = new filterscope::MainWindow(session);
    window->resize(1280, 800);
    window->show();
    session->scheduler().loadPlugin(plugin, 0, variant);
    window->openPaths({input});
    filterscope::Workbench* s = session;
    return QTest::qWaitFor([s] { return s->document().result(0) != nullptr && !s->scheduler().isBusy(); },
                           60000);
}

// Delivers what is pending (queued repaints, posted signals) before a grab: a condition, not a sleep.
inline void settle() {
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

// Saves W's pixels as FILTERSCOPE_SCREENSHOTS/NAME (nothing when that variable is unset); false when the
// file could not be written.
inline bool saveScreenshot(QWidget* w, const QString& name) {
    const QString dir = qEnvironmentVariable("FILTERSCOPE_SCREENSHOTS");
    if (dir.isEmpty())
        return true;
    return QDir().mkpath(dir) && w->grab().save(dir + QLatin1Char('/') + name);
}

}  // namespace testwindow

#include "InstallLayout.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace filterscope::installlayout {

namespace {
QString besideExecutable(const QString& relative) {
    return QDir::cleanPath(QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(relative));
}
}  // namespace

QString dataDir() {
    return besideExecutable(QStringLiteral("../share/filterscope"));
}

QString bundledPluginsDir() {
    const QString installed = QDir(dataDir()).absoluteFilePath(QStringLiteral("plugins"));
    // The build tree keeps plugins at the top (tests and scripts name build/plugins/<id>).
    return QFileInfo(installed).isDir() ? installed : besideExecutable(QStringLiteral("../plugins"));
}

// The trained demo (plugins/demo-shapes) on the first image of its sample, as README's demo command.
QString demoPluginDir() {
    return QDir(bundledPluginsDir()).absoluteFilePath(QStringLiteral("demo-shapes"));
}

QString demoSampleDir() {
    return QDir(dataDir()).absoluteFilePath(QStringLiteral("demo/shapes"));
}

QString demoImage() {
    return QDir(demoSampleDir()).absoluteFilePath(QStringLiteral("images/shape_3_0000.png"));
}

QString translationsDir() {
    return QDir(dataDir()).absoluteFilePath(QStringLiteral("translations"));
}

}  // namespace filterscope::installlayout

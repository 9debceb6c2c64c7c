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

QString demoPluginDir() {
    return QDir(bundledPluginsDir()).absoluteFilePath(QStringLiteral("demo-vit-llama"));
}

QString demoImage() {
    return QDir(dataDir()).absoluteFilePath(QStringLiteral("demo/astronaut.png"));
}

QString translationsDir() {
    return QDir(dataDir()).absoluteFilePath(QStringLiteral("translations"));
}

}  // namespace filterscope::installlayout

#include "AppPaths.h"

#include <QCoreApplication>
#include <QDir>

namespace filterscope::apppaths {

QString bundledPluginsDir() {
    return QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../plugins"));
}

QString demoPluginDir() {
    return QDir(bundledPluginsDir()).absoluteFilePath(QStringLiteral("demo-vit-llama"));
}

QString demoImage() {
    return QDir(QCoreApplication::applicationDirPath())
        .absoluteFilePath(QStringLiteral("../share/filterscope/demo/astronaut.png"));
}

}  // namespace filterscope::apppaths

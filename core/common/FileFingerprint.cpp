#include "FileFingerprint.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>

namespace filterscope {

QString fileSha256(const QString& path) {
    static QMutex mutex;
    static QHash<QString, QString> known;  // "path\nsize\nmtime" -> hash
    const QFileInfo info(path);
    if (!info.isFile())
        return {};
    const QString key = info.absoluteFilePath() + QLatin1Char('\n') + QString::number(info.size()) +
                        QLatin1Char('\n') + QString::number(info.lastModified().toMSecsSinceEpoch());
    {
        QMutexLocker lock(&mutex);
        auto it = known.constFind(key);
        if (it != known.constEnd())
            return *it;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return {};
    const QString hex = QString::fromLatin1(hash.result().toHex());
    QMutexLocker lock(&mutex);
    known.insert(key, hex);
    return hex;
}

}  // namespace filterscope

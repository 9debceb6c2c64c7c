#include "input/InputFileKinds.h"

#include <QFileInfo>

namespace filterscope {

const QStringList& imageSuffixes() {
    static const QStringList s = {"png", "jpg", "jpeg", "bmp", "tif", "tiff", "webp"};
    return s;
}

const QStringList& videoSuffixes() {
    static const QStringList s = {"mp4", "avi", "mkv", "webm", "mov", "gif"};
    return s;
}

const QStringList& pointCloudSuffixes() {
    static const QStringList s = {"ply", "pcd", "xyz", "txt", "npy"};
    return s;
}

const QStringList& suffixesOf(Modality modality) {
    return modality == Modality::Video        ? videoSuffixes()
           : modality == Modality::PointCloud ? pointCloudSuffixes()
                                              : imageSuffixes();
}

bool hasSuffixOf(const QString& path, const QStringList& suffixes) {
    return suffixes.contains(QFileInfo(path).suffix().toLower());
}

QString suffixPatterns(const QStringList& suffixes) {
    QStringList patterns;
    for (const QString& s : suffixes)
        patterns << QStringLiteral("*.") + s;
    return patterns.join(QLatin1Char(' '));
}

}  // namespace filterscope

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

const char* inputKindOfSuffix(const QString& suffix) {
    if (imageSuffixes().contains(suffix))
        return "an image";
    if (videoSuffixes().contains(suffix))
        return "a video";
    if (pointCloudSuffixes().contains(suffix) && suffix != QLatin1String("txt"))
        return "a point cloud";
    return nullptr;
}

const char* modalityPlural(Modality m) {
    return m == Modality::Video ? "videos" : m == Modality::PointCloud ? "point clouds" : "images";
}

std::string modalityMismatch(const std::string& path, Modality modality) {
    const QString suffix = QFileInfo(QString::fromStdString(path)).suffix().toLower();
    if (suffixesOf(modality).contains(suffix))
        return {};
    const char* kind = inputKindOfSuffix(suffix);
    return kind ? std::string(kind) + "; this plugin takes " + modalityPlural(modality) : std::string();
}

QString suffixPatterns(const QStringList& suffixes) {
    QStringList patterns;
    for (const QString& s : suffixes)
        patterns << QStringLiteral("*.") + s;
    return patterns.join(QLatin1Char(' '));
}

}  // namespace filterscope

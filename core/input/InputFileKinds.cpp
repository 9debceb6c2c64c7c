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

std::optional<Modality> modalityOfSuffix(const QString& suffix) {
    if (imageSuffixes().contains(suffix))
        return Modality::Image;
    if (videoSuffixes().contains(suffix))
        return Modality::Video;
    if (pointCloudSuffixes().contains(suffix) && suffix != QLatin1String("txt"))
        return Modality::PointCloud;
    return std::nullopt;
}

const char* inputKindText(Modality m) {
    return m == Modality::Video ? "a video" : m == Modality::PointCloud ? "a point cloud" : "an image";
}

const char* inputKindOfSuffix(const QString& suffix) {
    const auto m = modalityOfSuffix(suffix);
    return m ? inputKindText(*m) : nullptr;
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

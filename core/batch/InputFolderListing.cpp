#include "batch/InputFolderListing.h"

#include "input/InputFileKinds.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace filterscope {
namespace {

const char* kindOf(const QString& suffix) {
    if (imageSuffixes().contains(suffix))
        return "an image";
    if (videoSuffixes().contains(suffix))
        return "a video";
    if (pointCloudSuffixes().contains(suffix) && suffix != QLatin1String("txt"))
        return "a point cloud";
    return nullptr;
}

const char* takes(Modality m) {
    return m == Modality::Video ? "videos" : m == Modality::PointCloud ? "point clouds" : "images";
}

std::string joined(const std::vector<std::pair<std::string, std::string>>& items) {
    std::string s;
    for (const auto& [name, why] : items)
        s += (s.empty() ? "" : "; ") + name + " (" + why + ")";
    return s;
}

}  // namespace

std::string imageSignatureProblem(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        return "cannot be opened";
    const QByteArray head = f.read(12);
    if (head.isEmpty())
        return "empty file";
    const QString suffix = QFileInfo(f.fileName()).suffix().toLower();
    auto starts = [&](const char* magic, int n) { return head.left(n) == QByteArray(magic, n); };
    bool ok = true;
    const char* format = "";
    if (suffix == QLatin1String("png"))
        ok = starts("\x89PNG\r\n\x1a\n", 8), format = "PNG";
    else if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        ok = starts("\xff\xd8\xff", 3), format = "JPEG";
    else if (suffix == QLatin1String("bmp"))
        ok = starts("BM", 2), format = "BMP";
    else if (suffix == QLatin1String("tif") || suffix == QLatin1String("tiff"))
        ok = starts("II*\0", 4) || starts("MM\0*", 4), format = "TIFF";
    else if (suffix == QLatin1String("webp"))
        ok = starts("RIFF", 4) && head.mid(8, 4) == "WEBP", format = "WebP";
    return ok ? std::string() : std::string("not a ") + format + " file";
}

InputFolderListing listInputFolder(const std::string& folder, Modality modality) {
    InputFolderListing out;
    QDir dir(QString::fromStdString(folder));
    dir.setFilter(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
    dir.setSorting(QDir::Name | QDir::IgnoreCase);
    const QStringList& wanted = suffixesOf(modality);
    for (const QFileInfo& e : dir.entryInfoList()) {
        const std::string name = e.fileName().toStdString();
        if (e.isDir()) {
            out.skipped.push_back({name, "a folder: sub-folders are not opened"});
            continue;
        }
        const QString suffix = e.suffix().toLower();
        if (wanted.contains(suffix)) {
            const std::string problem = modality == Modality::Image
                                            ? imageSignatureProblem(e.filePath().toStdString())
                                            : std::string();
            if (problem.empty())
                out.inputs.push_back(e.absoluteFilePath().toStdString());
            else
                out.unreadable.push_back({name, problem});
        } else if (const char* kind = kindOf(suffix)) {
            out.skipped.push_back({name, std::string(kind) + "; the plugin takes " + takes(modality)});
        } else {
            out.skipped.push_back({name, "not an input file"});
        }
    }
    return out;
}

std::string InputFolderListing::summary(const std::string& folder) const {
    std::string s = folder + ": " + std::to_string(inputs.size()) + " opened";
    if (!unreadable.empty())
        s += ", " + std::to_string(unreadable.size()) + " unreadable";
    if (!skipped.empty())
        s += ", " + std::to_string(skipped.size()) + " skipped";
    std::string details = joined(unreadable);
    if (!skipped.empty())
        details += (details.empty() ? "" : "; ") + joined(skipped);
    return details.empty() ? s : s + ": " + details;
}

}  // namespace filterscope

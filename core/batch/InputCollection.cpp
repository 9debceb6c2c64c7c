#include "batch/InputCollection.h"

#include "input/InputFileKinds.h"

#include <QDir>
#include <QFileInfo>

#include <set>

namespace filterscope {

namespace {

std::vector<BatchInput> collectInputs(const std::vector<std::string>& paths, const QStringList& suffixes) {
    QStringList patterns;
    for (const QString& s : suffixes)
        patterns << QStringLiteral("*.") + s;
    std::vector<std::string> files;
    for (const std::string& p : paths) {
        const QFileInfo info(QString::fromStdString(p));
        if (info.isDir()) {
            QDir dir(info.absoluteFilePath());
            dir.setNameFilters(patterns);
            dir.setFilter(QDir::Files);
            dir.setSorting(QDir::Name | QDir::IgnoreCase);
            for (const QFileInfo& f : dir.entryInfoList())
                files.push_back(f.filePath().toStdString());
        } else {
            files.push_back(p);
        }
    }

    std::vector<BatchInput> out;
    std::set<std::string> taken;
    for (const std::string& f : files) {
        const QFileInfo info(QString::fromStdString(f));
        std::string name = info.completeBaseName().toStdString();
        if (name.empty() || name[0] == '.')
            name = "input" + name;
        if (taken.count(name)) {
            const std::string withSuffix = name + "_" + info.suffix().toLower().toStdString();
            name = withSuffix;
            for (int n = 2; taken.count(name); ++n)
                name = withSuffix + "_" + std::to_string(n);
        }
        taken.insert(name);
        out.push_back({f, name});
    }
    return out;
}

}  // namespace

std::vector<BatchInput> collectImageInputs(const std::vector<std::string>& paths) {
    return collectInputs(paths, imageSuffixes());
}

std::vector<BatchInput> collectVideoInputs(const std::vector<std::string>& paths) {
    return collectInputs(paths, videoSuffixes());
}

std::vector<BatchInput> collectPointCloudInputs(const std::vector<std::string>& paths) {
    return collectInputs(paths, pointCloudSuffixes());
}

}  // namespace filterscope

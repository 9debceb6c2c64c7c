#include "batch/InputFolderListing.h"

#include "input/ImageSignature.h"
#include "input/InputFileKinds.h"

#include <QDir>
#include <QFileInfo>

namespace filterscope {
namespace {

std::string joined(const std::vector<std::pair<std::string, std::string>>& items) {
    std::string s;
    for (const auto& [name, why] : items)
        s += (s.empty() ? "" : "; ") + name + " (" + why + ")";
    return s;
}

}  // namespace

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
        } else if (const char* kind = inputKindOfSuffix(suffix)) {
            out.skipped.push_back(
                {name, std::string(kind) + "; the plugin takes " + modalityPlural(modality)});
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

#include "batch/InputFolderListing.h"

#include "input/InputFileKinds.h"

#include <QDir>
#include <QFileInfo>

namespace filterscope {
namespace {

std::string joined(const std::vector<FolderEntryNote>& items, Modality plugin) {
    std::string s;
    for (const FolderEntryNote& e : items)
        s += (s.empty() ? "" : "; ") + e.name + " (" + e.text(plugin) + ")";
    return s;
}

}  // namespace

std::string FolderEntryNote::text(Modality plugin) const {
    switch (why) {
        case Why::SubFolder:
            return "a folder: sub-folders are not opened";
        case Why::NotAnInput:
            return "not an input file";
        case Why::OtherKind:
            return std::string(inputKindText(kind)) + "; the plugin takes " + modalityPlural(plugin);
        case Why::BadImage:
            return image.text();
    }
    return {};
}

InputFolderListing listInputFolder(const std::string& folder, Modality modality) {
    InputFolderListing out;
    out.modality = modality;
    QDir dir(QString::fromStdString(folder));
    dir.setFilter(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
    dir.setSorting(QDir::Name | QDir::IgnoreCase);
    const QStringList& wanted = suffixesOf(modality);
    for (const QFileInfo& e : dir.entryInfoList()) {
        FolderEntryNote note;
        note.name = e.fileName().toStdString();
        if (e.isDir()) {
            note.why = FolderEntryNote::Why::SubFolder;
            out.skipped.push_back(note);
            continue;
        }
        const QString suffix = e.suffix().toLower();
        if (wanted.contains(suffix)) {
            if (modality == Modality::Image)
                note.image = checkImageSignature(e.filePath().toStdString());
            if (note.image.ok()) {
                out.inputs.push_back(e.absoluteFilePath().toStdString());
            } else {
                note.why = FolderEntryNote::Why::BadImage;
                out.unreadable.push_back(note);
            }
        } else if (const auto kind = modalityOfSuffix(suffix)) {
            note.why = FolderEntryNote::Why::OtherKind;
            note.kind = *kind;
            out.skipped.push_back(note);
        } else {
            out.skipped.push_back(note);  // NotAnInput
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
    std::string details = joined(unreadable, modality);
    if (!skipped.empty())
        details += (details.empty() ? "" : "; ") + joined(skipped, modality);
    return details.empty() ? s : s + ": " + details;
}

}  // namespace filterscope

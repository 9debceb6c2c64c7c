#pragma once

#include "batch/InputFolderListing.h"

#include <QCoreApplication>
#include <QString>

namespace filterscope {

// The banner after File > Open Folder, in the interface's language: how many files opened, which were
// unreadable or skipped, and why. In English it is word for word InputFolderListing::summary.
class FolderNotice {
    Q_DECLARE_TR_FUNCTIONS(FolderNotice)
public:
    static QString text(const InputFolderListing& listing, const QString& folder);
    static QString why(const FolderEntryNote& note, Modality plugin);
};

}  // namespace filterscope

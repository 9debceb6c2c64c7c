#include "FolderNotice.h"

namespace filterscope {
namespace {

QString kindText(Modality m) {
    return m == Modality::Video        ? FolderNotice::tr("a video")
           : m == Modality::PointCloud ? FolderNotice::tr("a point cloud")
                                       : FolderNotice::tr("an image");
}

QString pluralText(Modality m) {
    return m == Modality::Video        ? FolderNotice::tr("videos")
           : m == Modality::PointCloud ? FolderNotice::tr("point clouds")
                                       : FolderNotice::tr("images");
}

QString joined(const std::vector<FolderEntryNote>& notes, Modality plugin) {
    QStringList items;
    for (const FolderEntryNote& n : notes)
        items << FolderNotice::tr("%1 (%2)").arg(QString::fromStdString(n.name),
                                                 FolderNotice::why(n, plugin));
    return items.join(FolderNotice::tr("; "));
}

}  // namespace

QString FolderNotice::why(const FolderEntryNote& note, Modality plugin) {
    using Why = FolderEntryNote::Why;
    using Problem = ImageSignatureCheck::Problem;
    switch (note.why) {
        case Why::SubFolder:
            return tr("a folder: sub-folders are not opened");
        case Why::NotAnInput:
            return tr("not an input file");
        case Why::OtherKind:
            return tr("%1; the plugin takes %2").arg(kindText(note.kind), pluralText(plugin));
        case Why::BadImage:
            switch (note.image.problem) {
                case Problem::CannotOpen:
                    return tr("cannot be opened");
                case Problem::Empty:
                    return tr("empty file");
                case Problem::WrongSignature:
                    return tr("not a %1 file").arg(QString::fromStdString(note.image.format));
                case Problem::None:
                    break;
            }
    }
    return QString::fromStdString(note.text(plugin));
}

QString FolderNotice::text(const InputFolderListing& listing, const QString& folder) {
    QString s = tr("%1: %2 opened").arg(folder).arg(listing.inputs.size());
    if (!listing.unreadable.empty())
        s += tr(", %1 unreadable").arg(listing.unreadable.size());
    if (!listing.skipped.empty())
        s += tr(", %1 skipped").arg(listing.skipped.size());
    QStringList details;
    if (!listing.unreadable.empty())
        details << joined(listing.unreadable, listing.modality);
    if (!listing.skipped.empty())
        details << joined(listing.skipped, listing.modality);
    return details.isEmpty() ? s : tr("%1: %2").arg(s, details.join(tr("; ")));
}

}  // namespace filterscope

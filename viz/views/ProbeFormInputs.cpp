#include "views/ProbeFormInputs.h"

#include "batch/InputCollection.h"
#include "probe/DatasetProbe.h"
#include "probe/InputLabels.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace filterscope {

// The sentences are in the dock's translation context: they were its own before this file took them.

QString readProbeFormInputs(const ProbeFormInputs& fields, DatasetProbeOptions& options) {
    if (!QFileInfo(fields.inputs).isDir())
        return QCoreApplication::translate("filterscope::DatasetProbePanel",
                                           "Choose a folder of images (\"%1\" is not a folder).")
            .arg(fields.inputs);
    if (!fields.masks.isEmpty() && !QFileInfo(fields.masks).isDir())
        return QCoreApplication::translate("filterscope::DatasetProbePanel",
                                           "\"%1\" is not a folder of masks.")
            .arg(fields.masks);
    options.maskDirectory = fields.masks.toStdString();
    options.inputs =
        withoutMaskFiles(collectImageInputs({fields.inputs.toStdString()}), options.maskDirectory);
    if (options.inputs.empty())
        return QCoreApplication::translate("filterscope::DatasetProbePanel", "%1 holds no images.")
            .arg(fields.inputs);
    if (fields.labels.isEmpty())
        return {};
    if (!QFileInfo(fields.labels).isFile())
        return QCoreApplication::translate("filterscope::DatasetProbePanel", "\"%1\" is not a labels file.")
            .arg(fields.labels);
    try {
        options.labels = InputLabels::read(fields.labels.toStdString());
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
    if (options.labels.labelledCount(options.inputs) == 0)
        return QCoreApplication::translate(
                   "filterscope::DatasetProbePanel",
                   "%1 labels none of the %2 images in %3 (its input paths are relative to its folder).")
            .arg(fields.labels)
            .arg(options.inputs.size())
            .arg(fields.inputs);
    return {};
}

}  // namespace filterscope

#pragma once

#include <QCoreApplication>
#include <QString>

#include <string>

namespace filterscope {

// What the Probe dock calls a probe metric (probe.csv's column `metric`), in the interface language.
// The tables, the CLI and the report keep the ids; an id this table lacks is shown as it is.
inline QString probeMetricText(const std::string& id) {
    static const struct {
        const char* id;
        const char* text;
    } names[] = {
        {"miou_best", QT_TRANSLATE_NOOP("ProbeMetric", "IoU at the best threshold")},
        {"iou_fixed", QT_TRANSLATE_NOOP("ProbeMetric", "IoU at the fixed threshold")},
        {"jaccard60", QT_TRANSLATE_NOOP("ProbeMetric", "Jaccard of the 60% mass mask")},
        {"pointing", QT_TRANSLATE_NOOP("ProbeMetric", "Pointing game")},
        {"auroc", QT_TRANSLATE_NOOP("ProbeMetric", "AUROC")},
        {"mass_fg", QT_TRANSLATE_NOOP("ProbeMetric", "Mass inside the mask")},
        {"rank_acc", QT_TRANSLATE_NOOP("ProbeMetric", "Top-|mask| tokens inside the mask")},
        {"fg_bg_ratio", QT_TRANSLATE_NOOP("ProbeMetric", "Mean inside / mean outside")},
        {"gini", QT_TRANSLATE_NOOP("ProbeMetric", "Gini coefficient")},
        {"entropy", QT_TRANSLATE_NOOP("ProbeMetric", "Normalised entropy")},
        {"top10_mass", QT_TRANSLATE_NOOP("ProbeMetric", "Mass of the top 10% tokens")},
        {"correct", QT_TRANSLATE_NOOP("ProbeMetric", "Top-1 is the label (accuracy)")},
        {"p_label", QT_TRANSLATE_NOOP("ProbeMetric", "Probability of the label")},
    };
    for (const auto& n : names)
        if (id == n.id)
            return QCoreApplication::translate("ProbeMetric", n.text);
    return QString::fromStdString(id);
}

}  // namespace filterscope

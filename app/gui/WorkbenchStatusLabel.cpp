#include "WorkbenchStatusLabel.h"

#include "labels/MapKindText.h"
#include "session/Workbench.h"

#include <QFileInfo>

namespace filterscope {

WorkbenchStatusLabel::WorkbenchStatusLabel(Workbench* workbench, QWidget* parent)
    : QLabel(parent), workbench_(workbench) {
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    const WorkbenchDocument* doc = &workbench_->document();
    for (auto signal : {&WorkbenchDocument::resultsChanged, &WorkbenchDocument::pluginsChanged,
                        &WorkbenchDocument::currentInputChanged})
        connect(doc, signal, this, &WorkbenchStatusLabel::refresh);
    connect(&workbench_->selection(), &SelectionModel::changed, this, &WorkbenchStatusLabel::refresh);
    refresh();
}

void WorkbenchStatusLabel::refresh() {
    const WorkbenchDocument& doc = workbench_->document();
    const auto plugin = doc.plugin(0);
    const auto result = doc.result(0);
    QString text = plugin ? QString::fromStdString(plugin->id()) : tr("no plugin");
    if (const auto cmp = doc.plugin(1))
        text += tr(" vs %1").arg(QString::fromStdString(cmp->id()));
    if (!doc.currentInput().isEmpty())
        text += QStringLiteral(" | ") + QFileInfo(doc.currentInput()).fileName();
    if (!result && !doc.inputError(0).isEmpty())
        text += tr(" | ⚠ failed: %1").arg(doc.inputError(0));
    // What the user must know about these numbers (damaged input data, fallbacks taken): said in place.
    QString notes;
    if (result)
        for (const std::string& n : result->notes)
            notes += QStringLiteral("\n⚠ ") + QString::fromStdString(n);
    if (result && !result->notes.empty())
        text += result->notes.size() == 1 ? tr(" | ⚠ 1 note, hover to read")
                                          : tr(" | ⚠ %1 notes, hover to read").arg(result->notes.size());
    if (result) {
        const ViewSelection& sel = workbench_->selection().state();
        const auto [lo, hi] = workbench_->maps().colourRange(0, sel.stage);
        text += tr(" | %1, %2 | range %3 to %4 | forward %5 ms on %6")
                    .arg(QString::fromStdString(sel.stage), mapKindText(sel.analysis))
                    .arg(lo, 0, 'g', 5)
                    .arg(hi, 0, 'g', 5)
                    .arg(result->forwardMs, 0, 'f', 1)
                    .arg(QString::fromStdString(plugin->deviceName()));
        text += tr(" | cache %1 of %2 MB")
                    .arg(doc.cachedBytes() / 1048576.0, 0, 'f', 1)
                    .arg(doc.cacheBudget() / 1048576.0, 0, 'f', 0);
        if (doc.heldBytes() > 0)
            text += tr(" (%1 MB held by background work)").arg(doc.heldBytes() / 1048576.0, 0, 'f', 1);
    }
    setText(text);
    // Which model file made these numbers: a plugin is code, and its hash is what a reader can cite.
    QString tip;
    for (int slot = 0; slot < Workbench::kSlots; ++slot)
        if (const auto p = doc.plugin(slot))
            tip += tr("%1: %2\nmodel file SHA-256 %3\n")
                       .arg(QString::fromStdString(p->id()), QString::fromStdString(p->manifest().modelFile),
                            QString::fromStdString(p->modelHash()));
    setToolTip((tip + notes).trimmed());
}

}  // namespace filterscope

#include "views/CompareSummaryPanel.h"

#include "analysis/MapStatistics.h"
#include "labels/LocalizedNames.h"
#include "labels/MapKindText.h"
#include "plugin/ModelPlugin.h"
#include "session/Workbench.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>

#include <cmath>

namespace filterscope {

CompareSummaryPanel::CompareSummaryPanel(Workbench* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      stages_(new QComboBox(this)),
      scale_(new QComboBox(this)),
      numbers_(new QLabel(this)) {
    // Narrow enough to sit in a quarter of the compare area without widening the window.
    stages_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    stages_->setMinimumContentsLength(10);
    setMinimumWidth(120);
    stages_->setToolTip(tr("The stage the comparison plugin B shows; by default A's stage when B has it"));
    numbers_->setWordWrap(true);
    numbers_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    numbers_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* form = new QFormLayout(this);
    form->addRow(tr("B shows"), stages_);
    scale_->addItem(tr("Automatic"), static_cast<int>(CompareScale::Automatic));
    scale_->addItem(tr("A and B joined"), static_cast<int>(CompareScale::Joint));
    scale_->addItem(tr("A range each"), static_cast<int>(CompareScale::Own));
    scale_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    scale_->setMinimumContentsLength(10);
    scale_->setToolTip(
        tr("A's and B's colour ranges. Joined: equal colours are equal values. A range each: "
           "two stages whose values differ tenfold both stay readable. Automatic: joined "
           "when B shows A's stage, else a range each"));
    form->addRow(tr("Scale"), scale_);
    connect(scale_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!filling_)
            session_->selection().setCompareScale(static_cast<CompareScale>(scale_->itemData(i).toInt()));
    });
    form->addRow(numbers_);
    connect(stages_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!filling_)
            session_->selection().setComparisonStage(stages_->itemData(i).toString().toStdString());
    });
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, &CompareSummaryPanel::refresh);
    connect(&session_->document(), &WorkbenchDocument::pluginsChanged, this, &CompareSummaryPanel::refresh);
    connect(&session_->selection(), &SelectionModel::changed, this, &CompareSummaryPanel::refresh);
    refresh();
}

void CompareSummaryPanel::refresh() {
    filling_ = true;
    stages_->clear();
    const auto b = session_->document().plugin(1);
    stages_->addItem(tr("A's stage (when B has it)"), QString());
    if (b)
        for (const std::string& s : b->gridStages())
            stages_->addItem(stageLabelText(b->manifest(), s), QString::fromStdString(s));
    const int at = stages_->findData(QString::fromStdString(session_->selection().state().comparisonStage));
    stages_->setCurrentIndex(at < 0 ? 0 : at);
    stages_->setEnabled(b != nullptr);
    scale_->setCurrentIndex(scale_->findData(static_cast<int>(session_->selection().state().compareScale)));
    // Automatic says what it chose, so the choice in effect is always visible.
    scale_->setItemText(
        0, session_->maps().jointCompareScale() ? tr("Automatic: joined") : tr("Automatic: a range each"));
    filling_ = false;
    numbers_->setText(summary());
}

QString CompareSummaryPanel::summary() const {
    if (!session_->document().plugin(1))
        return tr("Open a comparison plugin to compare maps");
    const ShownMaps::ComparedMaps maps = session_->maps().comparedMaps();
    if (maps.waiting)
        return tr("Waiting for both results");
    if (!maps.a || !maps.b)
        return tr("No difference: %1 has no %2 map to compare")
            .arg(!maps.a ? QStringLiteral("A") : QStringLiteral("B"),
                 mapKindText(session_->selection().state().analysis));
    if (maps.incompatible)
        return tr("The two maps have different shapes");
    const QString grid = maps.resampled
                             ? tr(" (on %1×%2, nearest cell)").arg(maps.a->shape[0]).arg(maps.a->shape[1])
                             : QString();
    const MapComparison c = compareMaps(*maps.a, *maps.b);
    return tr("A: %1\nB: %2\n%3 cells compared%4\nmean |A − B| = %5\nmax |A − B| = %6\nPearson r(A, B) "
              "= %7\ncolours: %8")
        .arg(QString::fromStdString(session_->maps().stageFor(0)),
             QString::fromStdString(session_->maps().stageFor(1)))
        .arg(c.cells)
        .arg(grid)
        .arg(c.meanAbsDifference, 0, 'g', 4)
        .arg(c.maxAbsDifference, 0, 'g', 4)
        .arg(std::isnan(c.pearson) ? tr("undefined (a constant map)") : QString::number(c.pearson, 'f', 3))
        .arg(session_->maps().jointCompareScale() ? tr("A and B on one range") : tr("a range each"));
}

}  // namespace filterscope

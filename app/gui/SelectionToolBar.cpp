#include "SelectionToolBar.h"

#include "color/Colormap.h"
#include "labels/LocalizedNames.h"
#include "labels/MapKindText.h"
#include "plugin/MapAvailability.h"
#include "session/Workbench.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStandardItemModel>

namespace filterscope {

SelectionToolBar::SelectionToolBar(Workbench* session, QWidget* parent)
    : QToolBar(tr("Selection"), parent),
      session_(session),
      stage_(new QComboBox(this)),
      analysis_(new QComboBox(this)),
      colormap_(new QComboBox(this)),
      opacity_(new QSlider(Qt::Horizontal, this)),
      shared_(new QCheckBox(tr("Shared scale"), this)),
      head_(new QComboBox(this)),
      direction_(new QComboBox(this)) {
    setObjectName(QStringLiteral("selectionToolBar"));
    stage_->setMinimumContentsLength(22);
    stage_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    for (MapKind k : {MapKind::Norm, MapKind::Activation, MapKind::Frequency, MapKind::Spectrum,
                      MapKind::Attention, MapKind::Query, MapKind::Rollout, MapKind::Relevance})
        analysis_->addItem(mapKindText(k), static_cast<int>(k));
    for (const std::string& n : Colormap::names())
        if (n != "rdbu-diverging")
            colormap_->addItem(QString::fromStdString(n));
    opacity_->setRange(0, 100);
    opacity_->setMaximumWidth(120);
    opacity_->setToolTip(tr("Opacity of the map over the image"));
    stage_->setToolTip(
        tr("The stage whose map the central view shows (Page Up / Page Down step through them)"));
    analysis_->setToolTip(tr("What the map shows at each token (Ctrl+1 to Ctrl+8)"));
    colormap_->setToolTip(tr("Colour map of the maps and their colour bars (Ctrl+M: the next one)"));
    head_->setToolTip(tr("The attention head the map shows, or the mean over heads"));
    shared_->setToolTip(
        tr("One colour range over every stage (otherwise each map spans its own min to max)"));

    addWidget(new QLabel(tr(" Stage "), this));
    addWidget(stage_);
    addWidget(new QLabel(tr("  Map "), this));
    addWidget(analysis_);
    addWidget(new QLabel(tr("  Colours "), this));
    addWidget(colormap_);
    addWidget(new QLabel(tr("  Opacity "), this));
    addWidget(opacity_);
    addWidget(shared_);
    headAction_ = addWidget(head_);
    direction_->addItem(tr("attends to"));
    direction_->addItem(tr("attended by"));
    direction_->setToolTip(tr("Attention of the selected token (CLS if none): its row, or its column"));
    directionAction_ = addWidget(direction_);

    connect(stage_, &QComboBox::activated, this,
            [this](int i) { session_->selection().setStage(stage_->itemData(i).toString().toStdString()); });
    connect(analysis_, &QComboBox::activated, this, [this](int i) {
        session_->selection().setAnalysis(static_cast<MapKind>(analysis_->itemData(i).toInt()));
    });
    connect(colormap_, &QComboBox::activated, this,
            [this](int i) { session_->selection().setColormap(colormap_->itemText(i).toStdString()); });
    connect(opacity_, &QSlider::valueChanged, this,
            [this](int v) { session_->selection().setOpacity(v / 100.0); });
    connect(shared_, &QCheckBox::toggled, this,
            [this](bool on) { session_->selection().setSharedScale(on); });
    connect(head_, &QComboBox::activated, this,
            [this](int i) { session_->selection().setHead(head_->itemData(i).toInt()); });
    connect(direction_, &QComboBox::activated, this,
            [this](int i) { session_->selection().setAttendedBy(i == 1); });
    connect(&session_->selection(), &SelectionModel::changed, this, &SelectionToolBar::refresh);
    connect(&session_->document(), &WorkbenchDocument::pluginsChanged, this, &SelectionToolBar::refresh);
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, &SelectionToolBar::refresh);
    refresh();
}

void SelectionToolBar::refresh() {
    const ViewSelection& sel = session_->selection().state();
    const QSignalBlocker b1(stage_), b2(analysis_), b3(colormap_), b4(opacity_), b5(shared_);
    stage_->clear();
    if (const auto plugin = session_->document().plugin(0)) {
        for (const std::string& s : plugin->gridStages())
            stage_->addItem(stageLabelText(plugin->manifest(), s), QString::fromStdString(s));
        for (const std::string& s : plugin->crossAttentionStages())  // Q-Former stages: query maps only
            stage_->addItem(stageLabelText(plugin->manifest(), s) + tr(" (queries)"),
                            QString::fromStdString(s));
    }
    stage_->setCurrentIndex(stage_->findData(QString::fromStdString(sel.stage)));
    analysis_->setCurrentIndex(analysis_->findData(static_cast<int>(sel.analysis)));
    colormap_->setCurrentText(QString::fromStdString(sel.colormap));
    opacity_->setValue(qRound(sel.opacity * 100));
    shared_->setChecked(sel.sharedScale);
    // A kind the plugin has at no stage is disabled and says why (the View menu's shortcuts follow).
    if (auto* model = qobject_cast<QStandardItemModel*>(analysis_->model())) {
        const auto plugin = session_->document().plugin(0);
        for (int i = 0; i < analysis_->count(); ++i) {
            const auto k = static_cast<MapKind>(analysis_->itemData(i).toInt());
            const bool offered = !plugin || offersMap(*plugin, k);
            const bool cross = k == MapKind::Query || k == MapKind::Relevance;
            model->item(i)->setEnabled(offered);
            model->item(i)->setToolTip(
                offered ? (k == MapKind::Rollout
                               ? tr("Attention rollout over every attention stage (filed at the last)")
                               : QString())
                : cross ? tr("This plugin returns no xattn.* captures")
                        : tr("This plugin returns no attn.* captures"));
        }
    }
    const bool showAttention = sel.analysis == MapKind::Attention;
    headAction_->setVisible(showAttention);
    directionAction_->setVisible(showAttention);
    const QSignalBlocker b6(head_), b7(direction_);
    head_->clear();
    head_->addItem(tr("mean of heads"), -1);
    if (const auto r = session_->document().result(0))
        for (int h = 0; h < r->attentionHeads(sel.stage); ++h)
            head_->addItem(tr("head %1").arg(h), h);
    head_->setCurrentIndex(std::max(0, head_->findData(sel.head)));
    direction_->setCurrentIndex(sel.attendedBy ? 1 : 0);
}

}  // namespace filterscope

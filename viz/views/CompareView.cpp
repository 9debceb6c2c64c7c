#include "views/CompareView.h"

#include "views/CompareSummaryPanel.h"
#include "views/MapOverlayView.h"

#include <QGridLayout>
#include <QResizeEvent>

#include <algorithm>

namespace filterscope {

CompareView::CompareView(Workbench* session, QWidget* parent) : QWidget(parent) {
    grid_ = new QGridLayout(this);
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setSpacing(4);
    const PanelSource sources[3] = {PanelSource::Primary, PanelSource::Comparison, PanelSource::Difference};
    for (int i = 0; i < 3; ++i)
        views_[i] = new MapOverlayView(session, sources[i], this);
    summary_ = new CompareSummaryPanel(session, this);
    arrange(Arrangement::Grid);
    views_[0]->setJointScale(true);
    views_[1]->setJointScale(true);
    for (MapOverlayView* v : views_)
        connect(v, &MapOverlayView::viewChanged, this, [this](double zoom, QPointF pan) {
            if (syncing_)
                return;
            syncing_ = true;
            for (MapOverlayView* other : views_)
                other->setView(zoom, pan);
            syncing_ = false;
        });
}

namespace {

// What a map panel spends besides its map: title and margins above and below, margins and the colorbar
// (ticks, labels, rotated label) beside. Estimates for choosing an arrangement, not for painting.
constexpr double kPanelExtraHeight = 26 + 12;
constexpr double kPanelExtraWidth = 24 + 80;
constexpr double kSummaryWidth = 190;  // the summary beside a row of three

double mapSide(double cellW, double cellH) {
    return std::max(0.0, std::min(cellW - kPanelExtraWidth, cellH - kPanelExtraHeight));
}

}  // namespace

CompareView::Arrangement CompareView::bestArrangement(QSize area) {
    const double w = area.width(), h = area.height();
    // A row of three with the summary beside; two over two with the summary fourth; three stacked.
    const double row = mapSide((w - kSummaryWidth) / 3, h);
    const double grid = mapSide(w / 2, h / 2);
    const double column = mapSide(w - kSummaryWidth, h / 3);
    if (row >= grid && row >= column)
        return Arrangement::Row;
    return grid >= column ? Arrangement::Grid : Arrangement::Column;
}

void CompareView::arrange(Arrangement how) {
    for (MapOverlayView* v : views_)
        grid_->removeWidget(v);
    grid_->removeWidget(summary_);
    for (int i = 0; i < 4; ++i) {  // an empty row or column with a stretch would still take its share
        grid_->setColumnStretch(i, 0);
        grid_->setRowStretch(i, 0);
    }
    switch (how) {
        case Arrangement::Row:
            for (int i = 0; i < 3; ++i) {
                grid_->addWidget(views_[i], 0, i);
                grid_->setColumnStretch(i, 1);
            }
            grid_->addWidget(summary_, 0, 3);
            grid_->setRowStretch(0, 1);
            break;
        case Arrangement::Grid:  // A B / A−B and the summary: maps twice as large in a squarish area
            for (int i = 0; i < 3; ++i)
                grid_->addWidget(views_[i], i / 2, i % 2);
            grid_->addWidget(summary_, 1, 1);
            grid_->setColumnStretch(0, 1);
            grid_->setColumnStretch(1, 1);
            grid_->setRowStretch(0, 1);
            grid_->setRowStretch(1, 1);
            break;
        case Arrangement::Column:
            for (int i = 0; i < 3; ++i) {
                grid_->addWidget(views_[i], i, 0);
                grid_->setRowStretch(i, 1);
            }
            grid_->addWidget(summary_, 0, 1, 3, 1);
            grid_->setColumnStretch(0, 1);
            break;
    }
    arrangement_ = how;
}

void CompareView::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    const Arrangement how = bestArrangement(size());
    if (how != arrangement_)
        arrange(how);
}

}  // namespace filterscope

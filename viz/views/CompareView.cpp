#include "views/CompareView.h"

#include "views/CompareSummaryPanel.h"
#include "views/MapOverlayView.h"

#include <QGridLayout>
#include <QResizeEvent>

namespace filterscope {

CompareView::CompareView(Workbench* session, QWidget* parent) : QWidget(parent) {
    grid_ = new QGridLayout(this);
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setSpacing(4);
    const PanelSource sources[3] = {PanelSource::Primary, PanelSource::Comparison, PanelSource::Difference};
    for (int i = 0; i < 3; ++i)
        views_[i] = new MapOverlayView(session, sources[i], this);
    summary_ = new CompareSummaryPanel(session, this);
    arrange(true);
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

void CompareView::arrange(bool inRow) {
    for (MapOverlayView* v : views_)
        grid_->removeWidget(v);
    grid_->removeWidget(summary_);
    for (int i = 0; i < 3; ++i) {
        if (inRow)
            grid_->addWidget(views_[i], 0, i);
        else
            grid_->addWidget(views_[i], i / 2, i % 2);  // A B / A−B: maps twice as large in a squarish area
    }
    // The fourth place: B's stage and the numbers of A − B (beside the row when wide, else below right).
    if (inRow)
        grid_->addWidget(summary_, 0, 3);
    else
        grid_->addWidget(summary_, 1, 1);
    for (int c = 0; c < 4; ++c)
        grid_->setColumnStretch(c, inRow && c == 3 ? 0 : 1);
    inRow_ = inRow;
}

void CompareView::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    const bool row = width() > 2 * height();
    if (row != inRow_)
        arrange(row);
}

}  // namespace filterscope

#include "views/CompareView.h"

#include "views/MapOverlayView.h"

#include <QGridLayout>
#include <QPainter>
#include <QResizeEvent>

namespace filterscope {

CompareView::CompareView(ProbeSession* session, QWidget* parent) : QWidget(parent) {
    grid_ = new QGridLayout(this);
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setSpacing(4);
    const PanelSource sources[3] = {PanelSource::Primary, PanelSource::Comparison, PanelSource::Difference};
    for (int i = 0; i < 3; ++i)
        views_[i] = new MapOverlayView(session, sources[i], this);
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
    for (int i = 0; i < 3; ++i) {
        if (inRow)
            grid_->addWidget(views_[i], 0, i);
        else
            grid_->addWidget(views_[i], i / 2, i % 2);  // A B / A−B: maps twice as large in a squarish area
    }
    inRow_ = inRow;
}

void CompareView::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    const bool row = width() > 2 * height();
    if (row != inRow_)
        arrange(row);
}

void CompareView::paintFigure(QPainter& p, const QSize& size) const {
    for (int i = 0; i < 3; ++i) {
        const QRect cell = views_[i]->geometry();
        p.save();
        p.translate(cell.topLeft() * (double(size.width()) / std::max(1, width())));
        views_[i]->paintFigure(p, cell.size() * (double(size.width()) / std::max(1, width())));
        p.restore();
    }
}

}  // namespace filterscope

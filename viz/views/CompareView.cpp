#include "views/CompareView.h"

#include "views/MapOverlayView.h"

#include <QHBoxLayout>
#include <QPainter>

namespace filterscope {

CompareView::CompareView(ProbeSession* session, QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    const PanelSource sources[3] = {PanelSource::Primary, PanelSource::Comparison, PanelSource::Difference};
    for (int i = 0; i < 3; ++i) {
        views_[i] = new MapOverlayView(session, sources[i], this);
        layout->addWidget(views_[i], 1);
    }
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

void CompareView::paintFigure(QPainter& p, const QSize& size) const {
    const int w = size.width() / 3;
    for (int i = 0; i < 3; ++i) {
        p.save();
        p.translate(i * w, 0);
        views_[i]->paintFigure(p, QSize(w, size.height()));
        p.restore();
    }
}

}  // namespace filterscope

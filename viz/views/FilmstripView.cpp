#include "views/FilmstripView.h"

#include "analysis/VideoAnalysis.h"

#include "color/Colormap.h"
#include "input/InputPreparation.h"
#include "session/Workbench.h"
#include "views/MapPainting.h"

#include <QMouseEvent>
#include <QPainter>

namespace filterscope {
namespace {
constexpr int kGap = 6;
constexpr int kLabel = 16;
}  // namespace

FilmstripView::FilmstripView(Workbench* session, QWidget* parent) : QWidget(parent), session_(session) {
    auto repaint = [this] { update(); };
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, repaint);
    connect(&session_->selection(), &SelectionModel::changed, this, repaint);
}

QRectF FilmstripView::cellRect(int frame, const QSize& size) const {
    const int n = std::max(1, session_->maps().frameCount(0));
    const double w = (size.width() - kGap * (n + 1)) / double(n);
    const double side = std::max(8.0, std::min(w, double(size.height() - kLabel - 2 * kGap)));
    return {kGap + frame * (w + kGap) + (w - side) / 2, double(kGap), side, side};
}

void FilmstripView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const auto r = session_->document().result(0);
    const auto plugin = session_->document().plugin(0);
    if (!r || !plugin || r->frames.size() < 2) {
        p.drawText(rect(), Qt::AlignCenter, tr("The filmstrip shows the sampled frames of a video input"));
        return;
    }
    const ViewSelection& sel = session_->selection().state();
    const auto clip = session_->maps().clipMapFor(0, session_->maps().stageFor(0));
    const auto [lo, hi] = session_->maps().colourRange(0, session_->maps().stageFor(0));
    for (int f = 0; f < static_cast<int>(r->frames.size()); ++f) {
        const QRectF cell = cellRect(f, size());
        MapPanel panel;
        FloatArray slice;
        if (clip && clip->dim() == 3) {
            slice = frameSlice(*clip, f, plugin->manifest().video);
            panel.map = &slice;
        }
        panel.image = &r->frames[f];
        panel.colormap = &Colormap::byName(sel.colormap);
        panel.opacity = sel.opacity;
        panel.lo = lo;
        panel.hi = hi;
        if (panel.map)
            mappaint::paintMap(p, panel, cell);
        else
            p.drawImage(cell, QImage(r->frames[f].pixels.data(), r->frames[f].width, r->frames[f].height,
                                     r->frames[f].width * 3, QImage::Format_RGB888));
        if (f == sel.frame) {
            p.setPen(QPen(palette().color(QPalette::Highlight), 3));
            p.drawRect(cell.adjusted(-2, -2, 2, 2));
        }
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRectF(cell.left() - kGap, cell.bottom() + 1, cell.width() + 2 * kGap, kLabel),
                   Qt::AlignCenter, tr("#%1").arg(r->frameIndices.at(f)));
    }
}

void FilmstripView::mouseReleaseEvent(QMouseEvent* e) {
    for (int f = 0; f < session_->maps().frameCount(0); ++f)
        if (cellRect(f, size()).contains(e->position())) {
            session_->selection().setFrame(f);
            return;
        }
}

}  // namespace filterscope

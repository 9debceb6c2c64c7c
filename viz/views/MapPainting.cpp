#include "views/MapPainting.h"

#include "color/Colormap.h"
#include "figure/ColorbarTicks.h"
#include "figure/MapFigurePainter.h"

#include <QPainter>

#include <cmath>

namespace filterscope::mappaint {
namespace {

QRectF tokenRect(const QRectF& target, int h, int w, int token) {
    const double cw = target.width() / w, ch = target.height() / h;
    return QRectF(target.left() + (token % w) * cw, target.top() + (token / w) * ch, cw, ch);
}

}  // namespace

void paintMap(QPainter& p, const MapPanel& panel, const QRectF& target) {
    if (!panel.map || panel.map->dim() != 2 || !panel.colormap)
        return;
    const int h = static_cast<int>(panel.map->shape[0]), w = static_cast<int>(panel.map->shape[1]);
    p.save();
    if (panel.image && !panel.image->empty()) {
        const RgbImage& im = *panel.image;
        const QImage photo(im.pixels.data(), im.width, im.height, im.width * 3, QImage::Format_RGB888);
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);
        p.drawImage(target, photo);
        p.setOpacity(panel.opacity);
    }
    drawTokenMap(p, target, *panel.map, *panel.colormap, panel.lo, panel.hi);
    p.setOpacity(1.0);
    p.setBrush(Qt::NoBrush);
    if (panel.hoveredToken >= 0 && panel.hoveredToken < h * w) {
        p.setPen(QPen(QColor(255, 255, 255, 200), 1.5, Qt::DashLine));
        p.drawRect(tokenRect(target, h, w, panel.hoveredToken));
    }
    if (panel.selectedToken >= 0 && panel.selectedToken < h * w) {
        const QRectF r = tokenRect(target, h, w, panel.selectedToken);
        p.setPen(QPen(Qt::black, 3));
        p.drawRect(r);
        p.setPen(QPen(Qt::white, 1.5));
        p.drawRect(r);
    }
    p.restore();
}

void paintColorbar(QPainter& p, const MapPanel& panel, const QRectF& area) {
    if (!panel.colormap)
        return;
    p.save();
    const QFontMetricsF fm(p.font());
    const QRectF bar(area.left() + 6, area.top() + fm.height() / 2, 14, area.height() - fm.height());
    p.drawImage(bar, colorbarGradient(*panel.colormap));
    p.setPen(p.pen().color());
    p.drawRect(bar);
    const std::vector<double> ticks = colorbarTicks(panel.lo, panel.hi);
    const std::vector<QString> labels = colorbarTickLabels(ticks);
    const double labelX = area.right() - fm.height();
    for (size_t i = 0; i < ticks.size(); ++i) {
        const double t = ticks[i];
        const double frac = panel.hi > panel.lo ? (t - panel.lo) / (panel.hi - panel.lo) : 0.5;
        const double y = bar.bottom() - frac * bar.height();
        p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 4, y));
        p.drawText(QRectF(bar.right() + 6, y - fm.height() / 2, labelX - bar.right() - 6, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, labels[i]);
    }
    // The value label runs along the bar, reading bottom to top.
    p.translate(labelX, bar.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-bar.height() / 2, 0, bar.height(), fm.height()), Qt::AlignCenter,
               fm.elidedText(panel.valueLabel, Qt::ElideRight, bar.height()));
    p.restore();
}

}  // namespace filterscope::mappaint

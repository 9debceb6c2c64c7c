#include "views/MapPainting.h"

#include "color/Colormap.h"
#include "figure/ColorbarAxis.h"
#include "figure/MapFigurePainter.h"

#include <QFontMetricsF>
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

namespace {

ColorbarAxis axisOf(const QFontMetricsF& fm, const MapPanel& panel, const QRectF& area) {
    ColorbarAxis axis;
    axis.bar = QRectF(area.left() + 6, area.top() + fm.height() / 2, 14, area.height() - fm.height());
    axis.lo = panel.lo;
    axis.hi = panel.hi;
    axis.valueLabel = panel.valueLabel;
    axis.valueLabelRight = area.right();
    return axis;
}

}  // namespace

double colorbarWidth(const QFontMetricsF& fm, const MapPanel& panel, double height) {
    const ColorbarAxis axis = axisOf(fm, panel, QRectF(0, 0, 0, height));
    return std::ceil(axis.bar.right() + colorbarExtent(fm, axis)) + 2;
}

void paintColorbar(QPainter& p, const MapPanel& panel, const QRectF& area) {
    if (!panel.colormap)
        return;
    paintColorbar(p, *panel.colormap, axisOf(QFontMetricsF(p.font(), p.device()), panel, area));
}

}  // namespace filterscope::mappaint

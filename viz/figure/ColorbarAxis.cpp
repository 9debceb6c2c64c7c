#include "figure/ColorbarAxis.h"

#include "figure/ColorbarTicks.h"

#include <QFontMetricsF>
#include <QPainter>

#include <cmath>
#include <vector>

namespace filterscope {
namespace {

constexpr double kTick = 4;      // tick length
constexpr double kLabelGap = 3;  // between a tick and its label

}  // namespace

double colorbarExtent(const QPainter& p, const ColorbarAxis& axis) {
    const QFontMetricsF fm(p.font(), p.device());
    return kTick + kLabelGap + axis.labelWidth + (axis.valueLabel.isEmpty() ? 0 : fm.height() + 2);
}

void paintColorbar(QPainter& p, const Colormap& colormap, const ColorbarAxis& axis) {
    p.save();
    p.drawImage(axis.bar, colorbarGradient(colormap));
    const QRectF bar = axis.insetOutline ? axis.bar.adjusted(0, 0, -1, -1) : axis.bar;
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar);
    const QFontMetricsF fm(p.font(), p.device());
    const std::vector<double> ticks = colorbarTicks(axis.lo, axis.hi);
    const std::vector<QString> labels = colorbarTickLabels(ticks);
    const double labelLeft = bar.right() + kTick + kLabelGap;
    for (size_t i = 0; i < ticks.size(); ++i) {
        const double frac = axis.hi > axis.lo ? (ticks[i] - axis.lo) / (axis.hi - axis.lo) : 0.5;
        const double y = bar.bottom() - frac * bar.height();
        p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + kTick, y));
        p.drawText(QRectF(labelLeft, y - fm.height() / 2, axis.labelWidth, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, labels[i]);
    }
    if (!axis.valueLabel.isEmpty()) {
        p.translate(
            axis.valueLabelRight > 0 ? axis.valueLabelRight : labelLeft + axis.labelWidth + fm.height(),
            bar.center().y());
        p.rotate(-90);
        p.drawText(QRectF(-bar.height() / 2, -fm.height(), bar.height(), fm.height() + 2), Qt::AlignCenter,
                   fm.elidedText(axis.valueLabel, Qt::ElideRight, bar.height()));
    }
    p.restore();
}

}  // namespace filterscope

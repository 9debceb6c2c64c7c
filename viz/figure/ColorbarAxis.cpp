#include "figure/ColorbarAxis.h"

#include "figure/ColorbarTicks.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <vector>

namespace filterscope {
namespace {

constexpr double kTick = 4;      // tick length
constexpr double kLabelGap = 3;  // between a tick and its label

// Ticks at least a line and a half apart: on a short bar fewer of them, never labels on top of each other.
TickLabels ticksFor(const QFontMetricsF& fm, const ColorbarAxis& axis) {
    const int room = static_cast<int>(axis.bar.height() / (1.5 * fm.height()));
    return tickLabels(axis.lo, axis.hi, std::clamp(room, 2, 5));
}

QString rotatedLabel(const ColorbarAxis& axis, const TickLabels& ticks) {
    if (ticks.suffix.isEmpty())
        return axis.valueLabel;
    return axis.valueLabel.isEmpty() ? ticks.suffix
                                     : axis.valueLabel + QStringLiteral(" (") + ticks.suffix + ')';
}

}  // namespace

double colorbarLabelWidth(const QFontMetricsF& fm, const ColorbarAxis& axis) {
    double widest = 0;
    for (const QString& label : ticksFor(fm, axis).labels)
        widest = std::max(widest, fm.horizontalAdvance(label));
    return std::ceil(widest) + 1;
}

double colorbarExtent(const QFontMetricsF& fm, const ColorbarAxis& axis) {
    const double labels = axis.labelWidth > 0 ? axis.labelWidth : colorbarLabelWidth(fm, axis);
    const bool rotated = !rotatedLabel(axis, ticksFor(fm, axis)).isEmpty();
    return kTick + kLabelGap + labels + (rotated ? fm.height() + 2 : 0);
}

void paintColorbar(QPainter& p, const Colormap& colormap, const ColorbarAxis& axis) {
    p.save();
    p.drawImage(axis.bar, colorbarGradient(colormap));
    const QRectF bar = axis.insetOutline ? axis.bar.adjusted(0, 0, -1, -1) : axis.bar;
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar);
    const QFontMetricsF fm(p.font(), p.device());
    const TickLabels ticks = ticksFor(fm, axis);
    const double labelWidth = axis.labelWidth > 0 ? axis.labelWidth : colorbarLabelWidth(fm, axis);
    const double labelLeft = bar.right() + kTick + kLabelGap;
    for (size_t i = 0; i < ticks.ticks.size(); ++i) {
        const double frac = axis.hi > axis.lo ? (ticks.ticks[i] - axis.lo) / (axis.hi - axis.lo) : 0.5;
        const double y = bar.bottom() - frac * bar.height();
        p.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + kTick, y));
        p.drawText(QRectF(labelLeft, y - fm.height() / 2,
                          std::max(labelWidth, fm.horizontalAdvance(ticks.labels[i])), fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, ticks.labels[i]);
    }
    const QString label = rotatedLabel(axis, ticks);
    if (!label.isEmpty()) {
        p.translate(axis.valueLabelRight > 0 ? axis.valueLabelRight : labelLeft + labelWidth + fm.height(),
                    bar.center().y());
        p.rotate(-90);
        // The factor is never elided: without it the ticks read 1000 times too large.
        const QString kept = ticks.suffix.isEmpty() ? QString() : label.mid(axis.valueLabel.size());
        const QString shown =
            fm.horizontalAdvance(label) <= bar.height()
                ? label
                : fm.elidedText(axis.valueLabel, Qt::ElideRight, bar.height() - fm.horizontalAdvance(kept)) +
                      kept;
        p.drawText(QRectF(-bar.height() / 2, -fm.height(), bar.height(), fm.height() + 2), Qt::AlignCenter,
                   shown);
    }
    p.restore();
}

}  // namespace filterscope

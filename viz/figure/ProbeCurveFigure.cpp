#include "figure/ProbeCurveFigure.h"

#include "figure/ColorbarTicks.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>

#include <algorithm>
#include <cmath>

namespace filterscope {
namespace {

// Tableau-10, distinguishable in print and for the common colour-vision deficiencies.
const QColor kColours[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0xe1, 0x57, 0x59),
                           QColor(0x76, 0xb7, 0xb2), QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48),
                           QColor(0xb0, 0x7a, 0xa1), QColor(0xff, 0x9d, 0xa7)};

}  // namespace

void ProbeCurveFigure::paint(QPainter& p) const {
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(QRectF(0, 0, kWidthPt, kHeightPt), Qt::white);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(8);
    p.setFont(font);
    const QFontMetricsF fm(font, p.device());
    const double lineH = fm.height();
    // Title, elided from the end so the metric named first always shows.
    QFont bold = font;
    bold.setBold(true);
    bold.setPointSizeF(9);
    p.setFont(bold);
    p.setPen(Qt::black);
    p.drawText(QRectF(8, 4, kWidthPt - 16, lineH + 4), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(bold, p.device()).elidedText(title, Qt::ElideRight, kWidthPt - 16));
    p.setFont(font);

    double lo = INFINITY, hi = -INFINITY;
    for (const ProbeCurveSeries& s : series)
        for (size_t i = 0; i < s.mean.size(); ++i)
            for (double v : {s.mean[i], s.low[i], s.high[i]})
                if (std::isfinite(v))
                    lo = std::min(lo, v), hi = std::max(hi, v);
    if (!(lo <= hi))
        lo = 0, hi = 1;
    if (hi - lo < 1e-12)
        lo -= 0.5, hi += 0.5;
    const double pad = 0.05 * (hi - lo);
    lo -= pad, hi += pad;

    double longest = 0;
    for (const QString& s : stages)
        longest = std::max(longest, fm.horizontalAdvance(s));
    const double labelBand = std::min(90.0, longest * 0.72 + lineH);  // stage names at 45°
    const QRectF plot(58, 10 + 2 * lineH, kWidthPt - 58 - 130, kHeightPt - 10 - 2 * lineH - labelBand - 6);
    auto yOf = [&](double v) { return plot.bottom() - (v - lo) / (hi - lo) * plot.height(); };
    const int n = static_cast<int>(stages.size());
    auto xOf = [&](int i) {
        return n <= 1 ? plot.center().x() : plot.left() + 12 + i * (plot.width() - 24) / (n - 1);
    };

    // Axes, grid, ticks.
    p.setPen(QPen(QColor(0xdd, 0xdd, 0xdd), 0.5));
    const TickLabels tick = tickLabels(lo, hi, 5);
    const std::vector<double>& ticks = tick.ticks;
    const std::vector<QString>& labels = tick.labels;
    for (double t : ticks)
        p.drawLine(QPointF(plot.left(), yOf(t)), QPointF(plot.right(), yOf(t)));
    p.setPen(QPen(Qt::black, 0.8));
    p.drawRect(plot);
    for (size_t i = 0; i < ticks.size(); ++i)
        p.drawText(QRectF(0, yOf(ticks[i]) - lineH / 2, plot.left() - 4, lineH),
                   Qt::AlignRight | Qt::AlignVCenter, labels[i]);
    p.save();
    p.translate(10, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, -lineH / 2, plot.height(), lineH), Qt::AlignCenter,
               tick.suffix.isEmpty() ? metric : metric + QStringLiteral(" (") + tick.suffix + ')');
    p.restore();
    for (int i = 0; i < n; ++i) {
        p.save();
        p.translate(xOf(i), plot.bottom() + 4);
        p.rotate(45);
        p.drawText(QRectF(0, -lineH / 2, labelBand * 1.3, lineH), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(stages[i], Qt::ElideRight, labelBand * 1.3));
        p.restore();
    }

    // Bands first, then lines and markers on top.
    for (size_t k = 0; k < series.size(); ++k) {
        const ProbeCurveSeries& s = series[k];
        QColor band = kColours[k % 8];
        band.setAlphaF(0.18);
        QPolygonF upper, lower;
        auto flush = [&] {
            if (upper.size() > 1) {
                QPolygonF poly = upper;
                for (auto it = lower.rbegin(); it != lower.rend(); ++it)
                    poly << *it;
                p.setPen(Qt::NoPen);
                p.setBrush(band);
                p.drawPolygon(poly);
            }
            upper.clear(), lower.clear();
        };
        for (int i = 0; i < n && i < static_cast<int>(s.mean.size()); ++i) {
            if (!std::isfinite(s.low[i]) || !std::isfinite(s.high[i])) {
                flush();
                continue;
            }
            upper << QPointF(xOf(i), yOf(s.high[i]));
            lower << QPointF(xOf(i), yOf(s.low[i]));
        }
        flush();
    }
    for (size_t k = 0; k < series.size(); ++k) {
        const ProbeCurveSeries& s = series[k];
        const QColor c = kColours[k % 8];
        p.setPen(QPen(c, 1.4));
        p.setBrush(c);
        QPainterPath path;
        bool open = false;
        for (int i = 0; i < n && i < static_cast<int>(s.mean.size()); ++i) {
            if (!std::isfinite(s.mean[i])) {
                open = false;
                continue;
            }
            const QPointF pt(xOf(i), yOf(s.mean[i]));
            open ? path.lineTo(pt) : path.moveTo(pt);
            open = true;
        }
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(c);
        for (int i = 0; i < n && i < static_cast<int>(s.mean.size()); ++i)
            if (std::isfinite(s.mean[i]))
                p.drawEllipse(QPointF(xOf(i), yOf(s.mean[i])), 2.2, 2.2);
        // Legend on the right.
        const double ly = plot.top() + k * (lineH + 4);
        p.drawLine(QPointF(plot.right() + 10, ly + lineH / 2), QPointF(plot.right() + 26, ly + lineH / 2));
        p.setPen(Qt::black);
        p.drawText(QRectF(plot.right() + 30, ly, kWidthPt - plot.right() - 34, lineH),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(s.model, Qt::ElideMiddle, kWidthPt - plot.right() - 34));
    }
    p.setPen(QColor(0x55, 0x55, 0x55));
    p.drawText(QRectF(plot.right() + 10, plot.top() + series.size() * (lineH + 4) + 4,
                      kWidthPt - plot.right() - 14, 2 * lineH),
               Qt::AlignLeft | Qt::TextWordWrap, QStringLiteral("bands: 95% bootstrap CI"));
}

QByteArray ProbeCurveFigure::png(double scale) const {
    // Painted at 72 dpi (1 pt = 1 px before scaling, fonts included), then tagged with the real density.
    QImage image(qRound(kWidthPt * scale), qRound(kHeightPt * scale), QImage::Format_RGB32);
    image.setDotsPerMeterX(qRound(72 / 0.0254));
    image.setDotsPerMeterY(qRound(72 / 0.0254));
    QPainter p(&image);
    p.scale(scale, scale);
    paint(p);
    p.end();
    image.setDotsPerMeterX(qRound(72 * scale / 0.0254));
    image.setDotsPerMeterY(qRound(72 * scale / 0.0254));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray ProbeCurveFigure::pdf() const {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QSizeF(kWidthPt, kHeightPt), QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(72);  // one device unit per point; coordinates stay real-valued
    QPainter p(&writer);
    paint(p);
    p.end();
    return bytes;
}

}  // namespace filterscope

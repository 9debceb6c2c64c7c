#include "figure/MapFigurePainter.h"

#include "analysis/MapStatistics.h"
#include "color/Colormap.h"
#include "common/Error.h"
#include "figure/ColorbarAxis.h"
#include "figure/FigureFont.h"
#include "figure/FigureTitle.h"

#include <QFont>
#include <QFontMetrics>
#include <QFontMetricsF>
#include <QPaintEngine>
#include <QPainter>

#include <cmath>

namespace filterscope {
namespace {

constexpr int kMargin = 16;
constexpr int kTitleHeight = 26;
constexpr int kMapExtent = 448;
constexpr int kBarGap = 14;
constexpr int kBarWidth = 18;
constexpr int kTickLabelWidth = 64;
constexpr int kAxisLabelWidth = 22;
constexpr int kFooterHeight = 36;

}  // namespace

QImage renderTokenMap(const FloatArray& map, const Colormap& colormap, double lo, double hi) {
    if (map.dim() != 2)
        throw Error("a map figure needs a 2-D map, got " + map.shapeString());
    const int h = static_cast<int>(map.shape[0]), w = static_cast<int>(map.shape[1]);
    QImage img(w, h, QImage::Format_RGB32);
    const double span = hi > lo ? hi - lo : 1.0;
    for (int y = 0; y < h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const Rgb c = colormap.at((map.data[y * w + x] - lo) / span);
            line[x] = qRgb(c.r, c.g, c.b);
        }
    }
    return img;
}

void drawTokenMap(QPainter& p, const QRectF& target, const FloatArray& map, const Colormap& colormap,
                  double lo, double hi) {
    const QPaintEngine* engine = p.paintEngine();
    const bool vector =
        engine && (engine->type() == QPaintEngine::Pdf || engine->type() == QPaintEngine::SVG ||
                   engine->type() == QPaintEngine::Picture);
    if (!vector) {
        p.save();
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);  // tokens stay sharp cells
        p.drawImage(target, renderTokenMap(map, colormap, lo, hi));
        p.restore();
        return;
    }
    if (map.dim() != 2)
        throw Error("a map figure needs a 2-D map, got " + map.shapeString());
    const int h = static_cast<int>(map.shape[0]), w = static_cast<int>(map.shape[1]);
    const double span = hi > lo ? hi - lo : 1.0;
    const double cw = target.width() / w, ch = target.height() / h;
    p.save();
    p.setPen(Qt::NoPen);
    p.setRenderHint(QPainter::Antialiasing, false);  // abutting cells, no seams
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const Rgb c = colormap.at((map.data[y * w + x] - lo) / span);
            // Edges from the grid, not from summed widths: neighbours share them exactly.
            const QRectF cell(QPointF(target.left() + x * cw, target.top() + y * ch),
                              QPointF(target.left() + (x + 1) * cw, target.top() + (y + 1) * ch));
            p.fillRect(cell, QColor(c.r, c.g, c.b));
        }
    p.restore();
}

MapFigurePainter::MapFigurePainter(const MapFigureSpec& spec) : spec_(spec) {
    if (!spec.map || spec.map->dim() != 2)
        throw Error("a map figure needs a 2-D map");
    const double h = static_cast<double>(spec.background ? spec.background->height : spec.map->shape[0]);
    const double w = static_cast<double>(spec.background ? spec.background->width : spec.map->shape[1]);
    // The tick labels' room measured from them (at the most ticks a bar gets), never less than the usual.
    {
        const auto [lo, hi] =
            spec.fixedRange ? std::pair<double, double>(spec.lo, spec.hi) : finiteRange(*spec.map);
        ColorbarAxis axis;
        axis.bar = QRectF(0, 0, kBarWidth, kMapExtent);
        axis.lo = lo;
        axis.hi = hi;
        tickLabelWidth_ = std::max(
            kTickLabelWidth, static_cast<int>(colorbarLabelWidth(QFontMetricsF(figureFont(11)), axis)) + 8);
    }
    const int fixedWidth = kMargin + kBarGap + kBarWidth + tickLabelWidth_ + kAxisLabelWidth + kMargin;
    const int fixedHeight = kMargin + kTitleHeight + kFooterHeight + kMargin / 2;
    double extentW = kMapExtent * w / std::max(h, w), extentH = kMapExtent * h / std::max(h, w);
    const FigureSize& size = spec.size;
    if (size.width > 0) {  // the map takes the width the colorbar and margins leave
        extentW = size.width - fixedWidth;
        extentH = extentW * h / w;
    }
    if (size.height > 0) {
        captionHeight_ =
            captionHeight(static_cast<int>(std::lround(size.width > 0 ? size.width : extentW + fixedWidth)));
        const double room = size.height - fixedHeight - captionHeight_;
        if (size.width <= 0 || extentH > room) {
            extentH = room;
            extentW = extentH * w / h;
        }
    }
    mapWidth_ = static_cast<int>(std::lround(extentW));
    mapHeight_ = static_cast<int>(std::lround(extentH));
    if (std::min(mapWidth_, mapHeight_) < 24)
        throw Error("a figure of " + std::to_string(std::lround(size.width)) + "x" +
                    std::to_string(std::lround(size.height)) + " pt leaves the map " +
                    std::to_string(mapWidth_) + "x" + std::to_string(mapHeight_) + " pt: give it at least " +
                    std::to_string(fixedWidth + 24) + " pt of width");
    captionHeight_ = captionHeight(mapWidth_ + fixedWidth);
}

int MapFigurePainter::captionHeight(int width) const {
    if (spec_.caption.empty())
        return 0;
    const QFontMetricsF fm(figureFont(11));
    const QRectF r = fm.boundingRect(QRectF(0, 0, width - 2 * kMargin, 1e6), Qt::TextWordWrap,
                                     QString::fromStdString(spec_.caption));
    return static_cast<int>(std::ceil(r.height())) + 6;
}

QSize MapFigurePainter::size() const {
    return {kMargin + mapWidth_ + kBarGap + kBarWidth + tickLabelWidth_ + kAxisLabelWidth + kMargin,
            kMargin + kTitleHeight + mapHeight_ + kFooterHeight + captionHeight_ + kMargin / 2};
}

void MapFigurePainter::paint(QPainter& p) const {
    const Colormap& cmap = Colormap::byName(spec_.colormap);
    const auto [lo, hi] =
        spec_.fixedRange ? std::pair<double, double>(spec_.lo, spec_.hi) : finiteRange(*spec_.map);
    const QSize total = size();
    p.fillRect(QRect(QPoint(0, 0), total), Qt::white);
    p.setPen(Qt::black);

    p.setFont(figureFont(14, true));
    const QRect titleRect(kMargin, kMargin / 2, total.width() - 2 * kMargin, kTitleHeight);
    p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
               fitFigureTitle(QString::fromStdString(spec_.title), QFontMetricsF(p.font(), p.device()),
                              titleRect.width()));

    const QRect mapRect(kMargin, kMargin + kTitleHeight, mapWidth_, mapHeight_);
    if (spec_.background) {
        const RgbImage& bg = *spec_.background;
        const QImage photo(bg.pixels.data(), bg.width, bg.height, bg.width * 3, QImage::Format_RGB888);
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);
        p.drawImage(mapRect, photo);
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.setOpacity(spec_.overlayOpacity);
        drawTokenMap(p, mapRect, *spec_.map, cmap, lo, hi);
        p.setOpacity(1.0);
    } else {
        drawTokenMap(p, mapRect, *spec_.map, cmap, lo, hi);
    }
    p.setPen(QPen(Qt::black, 1));
    p.drawRect(mapRect.adjusted(0, 0, -1, -1));

    // Colorbar: top is hi, bottom is lo, labelled with the map's own values.
    p.setFont(figureFont(11));
    ColorbarAxis axis;
    axis.bar = QRectF(mapRect.right() + 1 + kBarGap, mapRect.top(), kBarWidth, mapRect.height());
    axis.insetOutline = true;
    axis.lo = lo;
    axis.hi = hi;
    axis.labelWidth = tickLabelWidth_ - 8;
    axis.valueLabel = QString::fromStdString(spec_.valueLabel);
    axis.valueLabelRight = axis.bar.right() + tickLabelWidth_ + kAxisLabelWidth - 4;
    paintColorbar(p, cmap, axis);

    p.setPen(QColor(70, 70, 70));
    const QString footer = QStringLiteral("%1 tokens %2x%3; min %4, max %5; %6")
                               .arg(spec_.background ? QStringLiteral("overlay,") : QStringLiteral("map,"))
                               .arg(spec_.map->shape[0])
                               .arg(spec_.map->shape[1])
                               .arg(QString::number(lo, 'g', 6), QString::number(hi, 'g', 6),
                                    QString::fromStdString(spec_.scaling));
    p.drawText(QRect(kMargin, mapRect.bottom() + 6, total.width() - 2 * kMargin, kFooterHeight - 6),
               Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, footer);
    if (captionHeight_ > 0) {
        p.setPen(Qt::black);
        p.drawText(
            QRect(kMargin, mapRect.bottom() + kFooterHeight + 4, total.width() - 2 * kMargin, captionHeight_),
            Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, QString::fromStdString(spec_.caption));
    }
}

}  // namespace filterscope

#include "figure/MapFigurePainter.h"

#include "analysis/MapStatistics.h"
#include "color/Colormap.h"
#include "common/Error.h"
#include "figure/ColorbarTicks.h"
#include "figure/FigureTitle.h"

#include <QFont>
#include <QFontMetrics>
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

QFont figureFont(int pixelSize, bool bold = false) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(pixelSize);
    f.setBold(bold);
    return f;
}

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
    const double scale = kMapExtent / std::max(h, w);
    mapWidth_ = static_cast<int>(std::lround(w * scale));
    mapHeight_ = static_cast<int>(std::lround(h * scale));
}

QSize MapFigurePainter::size() const {
    return {kMargin + mapWidth_ + kBarGap + kBarWidth + kTickLabelWidth + kAxisLabelWidth + kMargin,
            kMargin + kTitleHeight + mapHeight_ + kFooterHeight + kMargin / 2};
}

void MapFigurePainter::paint(QPainter& p) const {
    const Colormap& cmap = Colormap::byName(spec_.colormap);
    const auto [lo, hi] = finiteRange(*spec_.map);
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
    const QRect bar(mapRect.right() + 1 + kBarGap, mapRect.top(), kBarWidth, mapRect.height());
    p.drawImage(bar, colorbarGradient(cmap));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    p.setFont(figureFont(11));
    const std::vector<double> ticks = colorbarTicks(lo, hi);
    const std::vector<QString> labels = colorbarTickLabels(ticks);
    const QFontMetrics fm(p.font());
    for (size_t i = 0; i < ticks.size(); ++i) {
        const double t = ticks[i];
        const double frac = hi > lo ? (t - lo) / (hi - lo) : 0.5;
        const int y = bar.bottom() - static_cast<int>(std::lround(frac * (bar.height() - 1)));
        p.drawLine(bar.right() + 1, y, bar.right() + 4, y);
        p.drawText(QRect(bar.right() + 7, y - fm.height() / 2, kTickLabelWidth - 8, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, labels[i]);
    }
    p.save();
    p.translate(bar.right() + kTickLabelWidth + kAxisLabelWidth - 4, bar.center().y());
    p.rotate(-90);
    p.drawText(QRect(-bar.height() / 2, -fm.height(), bar.height(), fm.height() + 2), Qt::AlignCenter,
               QString::fromStdString(spec_.valueLabel));
    p.restore();

    p.setPen(QColor(70, 70, 70));
    const QString footer = QStringLiteral("%1 tokens %2x%3; min %4, max %5; %6")
                               .arg(spec_.background ? QStringLiteral("overlay,") : QStringLiteral("map,"))
                               .arg(spec_.map->shape[0])
                               .arg(spec_.map->shape[1])
                               .arg(QString::number(lo, 'g', 6), QString::number(hi, 'g', 6),
                                    QString::fromStdString(spec_.scaling));
    p.drawText(QRect(kMargin, mapRect.bottom() + 6, total.width() - 2 * kMargin, kFooterHeight - 6),
               Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, footer);
}

}  // namespace filterscope

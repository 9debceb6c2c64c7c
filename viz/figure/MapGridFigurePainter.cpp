#include "figure/MapGridFigurePainter.h"

#include "analysis/MapStatistics.h"
#include "color/Colormap.h"
#include "common/Error.h"
#include "figure/ColorbarAxis.h"
#include "figure/FigureFont.h"
#include "figure/FigureTitle.h"
#include "figure/MapFigurePainter.h"

#include <QPainter>

#include <cmath>

namespace filterscope {
namespace {

constexpr int kMargin = 16;
constexpr int kTitle = 26;
constexpr int kLabel = 18;
constexpr int kCell = 180;
constexpr int kGap = 10;
constexpr int kBar = 110;
constexpr int kFooter = 24;

}  // namespace

MapGridFigurePainter::MapGridFigurePainter(const MapGridFigureSpec& spec) : spec_(spec) {
    if (spec.maps.empty())
        throw Error("a map grid figure needs at least one map");
    for (const FloatArray& m : spec.maps)
        if (m.dim() != 2 || m.shape != spec.maps.front().shape)
            throw Error("a map grid needs 2-D maps of one shape");
    const int n = static_cast<int>(spec.maps.size());
    columns_ = spec.columns > 0 ? std::min(n, spec.columns) : std::min(n, 4);
    rows_ = (n + columns_ - 1) / columns_;
    const RgbImage* bg = !spec.backgrounds.empty() ? &spec.backgrounds.front()
                         : spec.background         ? &*spec.background
                                                   : nullptr;
    const double h = bg ? bg->height : spec.maps.front().shape[0];
    const double w = bg ? bg->width : spec.maps.front().shape[1];
    cellW_ = static_cast<int>(std::lround(kCell * std::min(1.0, w / h)));
    cellH_ = static_cast<int>(std::lround(kCell * std::min(1.0, h / w)));
}

QSize MapGridFigurePainter::size() const {
    return {kMargin * 2 + columns_ * cellW_ + (columns_ - 1) * kGap + kBar,
            kMargin + kTitle + rows_ * (cellH_ + kLabel + kGap) + kFooter};
}

void MapGridFigurePainter::paint(QPainter& p) const {
    const Colormap& cmap = Colormap::byName(spec_.colormap);
    double lo = INFINITY, hi = -INFINITY;
    for (const FloatArray& m : spec_.maps) {
        const auto [a, b] = finiteRange(m);
        lo = std::min(lo, a);
        hi = std::max(hi, b);
    }
    const QSize total = size();
    p.fillRect(QRect(QPoint(), total), Qt::white);
    p.setPen(Qt::black);
    p.setFont(figureFont(14, true));
    p.drawText(QRect(kMargin, kMargin / 2, total.width() - 2 * kMargin, kTitle),
               Qt::AlignLeft | Qt::AlignVCenter,
               fitFigureTitle(QString::fromStdString(spec_.title), QFontMetricsF(p.font(), p.device()),
                              total.width() - 2 * kMargin));
    QImage photo;
    if (spec_.background)
        photo = QImage(spec_.background->pixels.data(), spec_.background->width, spec_.background->height,
                       spec_.background->width * 3, QImage::Format_RGB888);
    p.setFont(figureFont(11));
    for (size_t i = 0; i < spec_.maps.size(); ++i) {
        const int col = static_cast<int>(i) % columns_, row = static_cast<int>(i) / columns_;
        const int x = kMargin + col * (cellW_ + kGap);
        const int y = kMargin + kTitle + row * (cellH_ + kLabel + kGap);
        p.drawText(QRect(x, y, cellW_, kLabel), Qt::AlignLeft | Qt::AlignVCenter,
                   i < spec_.labels.size() ? QString::fromStdString(spec_.labels[i]) : QString());
        const QRect target(x, y + kLabel, cellW_, cellH_);
        if (i < spec_.backgrounds.size()) {  // a filmstrip: each cell over its own frame
            const RgbImage& f = spec_.backgrounds[i];
            photo = QImage(f.pixels.data(), f.width, f.height, f.width * 3, QImage::Format_RGB888);
        }
        if (!photo.isNull()) {
            p.setRenderHint(QPainter::SmoothPixmapTransform, true);
            p.drawImage(target, photo);
            p.setOpacity(spec_.overlayOpacity);
        }
        drawTokenMap(p, target, spec_.maps[i], cmap, lo, hi);
        p.setOpacity(1.0);
        const int group = i < spec_.outlineGroup.size() ? spec_.outlineGroup[i] : -1;
        if (group >= 0) {  // members of one duplicate group share a distinct outline colour
            static const QColor palette[] = {QColor(230, 25, 75),  QColor(60, 180, 75),
                                             QColor(0, 130, 200),  QColor(245, 130, 48),
                                             QColor(145, 30, 180), QColor(240, 50, 230)};
            p.save();
            p.setPen(QPen(palette[group % 6], 4));
            p.drawRect(target.adjusted(-2, -2, 1, 1));
            p.restore();
        } else {
            p.drawRect(target.adjusted(0, 0, -1, -1));
        }
    }
    // One colorbar for every cell.
    const int gridBottom = kMargin + kTitle + rows_ * (cellH_ + kLabel + kGap) - kGap;
    ColorbarAxis axis;
    axis.bar = QRectF(total.width() - kBar + 10, kMargin + kTitle + kLabel, 16,
                      gridBottom - kMargin - kTitle - kLabel);
    axis.insetOutline = true;
    axis.lo = lo;
    axis.hi = hi;
    paintColorbar(p, cmap, axis);
    p.setPen(QColor(70, 70, 70));
    p.drawText(QRect(kMargin, gridBottom + 4, total.width() - 2 * kMargin, kFooter),
               Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("%1; one colour range for all cells: %2 to %3")
                   .arg(QString::fromStdString(spec_.valueLabel), QString::number(lo, 'g', 4),
                        QString::number(hi, 'g', 4)));
}

}  // namespace filterscope

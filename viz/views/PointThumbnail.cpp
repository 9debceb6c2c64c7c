#include "views/PointThumbnail.h"

#include "color/Colormap.h"
#include "figure/CloudFigurePainter.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace filterscope {

PointThumbnail::PointThumbnail(const PointCloud& cloud) {
    const int64_t n = cloud.size();
    x_.resize(n);
    y_.resize(n);
    std::vector<double> z(n);
    double minX = INFINITY, maxX = -INFINITY, minY = INFINITY, maxY = -INFINITY;
    for (int64_t i = 0; i < n; ++i) {
        double c[3];
        CloudFigurePainter::project(&cloud.xyz[i * 3], c);
        x_[i] = c[0], y_[i] = c[1], z[i] = c[2];
        minX = std::min(minX, c[0]), maxX = std::max(maxX, c[0]);
        minY = std::min(minY, c[1]), maxY = std::max(maxY, c[1]);
    }
    if (n > 0) {
        cx_ = (minX + maxX) / 2, cy_ = (minY + maxY) / 2;
        span_ = std::max({maxX - minX, maxY - minY, 1e-9});
    }
    order_.resize(n);
    std::iota(order_.begin(), order_.end(), 0);
    // Far first, so near points cover the ones behind them; ties keep file order (a stable picture).
    std::stable_sort(order_.begin(), order_.end(), [&](int64_t a, int64_t b) { return z[a] < z[b]; });
}

QPointF PointThumbnail::position(int64_t point, const QRectF& cell) const {
    const double scale = 0.9 * std::min(cell.width(), cell.height()) / span_;
    return {cell.center().x() + (x_[point] - cx_) * scale, cell.center().y() - (y_[point] - cy_) * scale};
}

void PointThumbnail::paint(QPainter& p, const std::vector<float>& values, double lo, double hi,
                           const Colormap& cmap, const QRectF& cell) const {
    p.save();
    p.fillRect(cell, QColor(32, 32, 36));
    p.setClipRect(cell);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);
    // Dots shrink with the count so a 1,024-point scan reads as a surface in an ~90 px cell; at least a
    // pixel wide so every point shows.
    const double side = std::min(cell.width(), cell.height());
    const double r = std::clamp(side / 70.0 * std::sqrt(1024.0 / std::max<double>(1, size())), 0.8, 3.0);
    for (int64_t i : order_) {
        const float v = i < static_cast<int64_t>(values.size()) ? values[i] : NAN;
        const Rgb c = std::isfinite(v) ? cmap.at(hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0, 1.0) : 0.5)
                                       : Rgb{170, 170, 170};
        p.setBrush(QColor(c.r, c.g, c.b));
        p.drawEllipse(position(i, cell), r, r);
    }
    p.restore();
}

}  // namespace filterscope

#include "figure/CloudFigurePainter.h"

#include "color/Colormap.h"
#include "figure/ColorbarAxis.h"
#include "figure/FigureFont.h"
#include "figure/FigureTitle.h"

#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace filterscope {

void CloudFigurePainter::project(const float* xyz, double out[3]) {
    const double yaw = -35.0 * M_PI / 180, pitch = 20.0 * M_PI / 180;
    const double x1 = std::cos(yaw) * xyz[0] + std::sin(yaw) * xyz[2];
    const double z1 = -std::sin(yaw) * xyz[0] + std::cos(yaw) * xyz[2];
    const double y2 = std::cos(pitch) * xyz[1] - std::sin(pitch) * z1;
    const double z2 = std::sin(pitch) * xyz[1] + std::cos(pitch) * z1;
    out[0] = x1;
    out[1] = y2;
    out[2] = z2;
}

void CloudFigurePainter::paint(QPainter& p) const {
    const QSize total = size();
    p.fillRect(QRect(QPoint(), total), Qt::white);
    p.setFont(figureFont(14, true));
    p.setPen(Qt::black);
    p.drawText(QRect(16, 6, total.width() - 32, 24), Qt::AlignLeft | Qt::AlignVCenter,
               fitFigureTitle(QString::fromStdString(spec_.title), QFontMetricsF(p.font(), p.device()),
                              total.width() - 32));
    const size_t n = spec_.xyz.size() / 3;
    std::vector<std::array<double, 3>> cam(n);
    double minX = INFINITY, maxX = -INFINITY, minY = INFINITY, maxY = -INFINITY;
    for (size_t i = 0; i < n; ++i) {
        project(&spec_.xyz[i * 3], cam[i].data());
        minX = std::min(minX, cam[i][0]), maxX = std::max(maxX, cam[i][0]);
        minY = std::min(minY, cam[i][1]), maxY = std::max(maxY, cam[i][1]);
    }
    const QRectF area(16, 36, 480, 480);
    const double span = std::max({maxX - minX, maxY - minY, 1e-9});
    const double scale = area.width() / span * 0.95;
    auto toScreen = [&](const double* c) {
        return QPointF(area.center().x() + (c[0] - (minX + maxX) / 2) * scale,
                       area.center().y() - (c[1] - (minY + maxY) / 2) * scale);
    };
    double lo = INFINITY, hi = -INFINITY;
    for (float v : spec_.values)
        if (std::isfinite(v))
            lo = std::min(lo, double(v)), hi = std::max(hi, double(v));
    if (!(lo <= hi))
        lo = 0, hi = 1;
    const Colormap& cmap = Colormap::byName(spec_.colormap);
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return cam[a][2] < cam[b][2]; });  // far first
    const double r = std::clamp(3.0 * std::sqrt(1024.0 / std::max<size_t>(n, 1)), 1.2, 4.5);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);
    for (size_t i : order) {
        const float v = i < spec_.values.size() ? spec_.values[i] : NAN;
        const Rgb c = std::isfinite(v) ? cmap.at(hi > lo ? (v - lo) / (hi - lo) : 0.5) : Rgb{170, 170, 170};
        p.setBrush(QColor(c.r, c.g, c.b));
        p.drawEllipse(toScreen(cam[i].data()), r, r);
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(Qt::black, 1.2));
    for (size_t i = 0; i + 2 < spec_.centers.size(); i += 3) {
        double c[3];
        project(&spec_.centers[i], c);
        p.drawEllipse(toScreen(c), r + 2.5, r + 2.5);
    }
    // Colorbar.
    p.setFont(figureFont(11));
    ColorbarAxis axis;
    axis.bar = QRectF(area.right() + 24, area.top(), 16, area.height());
    axis.lo = lo;
    axis.hi = hi;
    paintColorbar(p, cmap, axis);
    p.setPen(QColor(70, 70, 70));
    p.drawText(QRect(16, int(area.bottom()) + 6, total.width() - 32, 36), Qt::AlignLeft | Qt::TextWordWrap,
               QStringLiteral("%1 points; %2; rings: group centres; grey: no value")
                   .arg(n)
                   .arg(QString::fromStdString(spec_.valueLabel)));
}

}  // namespace filterscope

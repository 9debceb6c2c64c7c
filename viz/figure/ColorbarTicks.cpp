#include "figure/ColorbarTicks.h"

#include "color/Colormap.h"

#include <algorithm>
#include <cmath>

namespace filterscope {

std::vector<double> colorbarTicks(double lo, double hi, int target) {
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi))
        return {lo};
    const double raw = (hi - lo) / std::max(1, target);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    std::vector<double> ticks;
    for (double v = std::ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step)
        ticks.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
    return ticks;
}

QString colorbarTickLabel(double value, double step) {
    if (std::abs(value) >= 1e5 || (std::abs(value) < 1e-3 && value != 0))
        return QString::number(value, 'g', 3);
    const int decimals = step >= 1 ? 0 : std::min(6, static_cast<int>(std::ceil(-std::log10(step))));
    return QString::number(value, 'f', decimals);
}

QImage colorbarGradient(const Colormap& colormap) {
    QImage gradient(1, 256, QImage::Format_RGB32);
    for (int i = 0; i < 256; ++i) {
        const Rgb c = colormap.at(1.0 - i / 255.0);
        gradient.setPixel(0, i, qRgb(c.r, c.g, c.b));
    }
    return gradient;
}

}  // namespace filterscope

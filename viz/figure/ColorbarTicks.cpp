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
    // Multiples of the step, each computed afresh: summing steps drifts on ranges far from zero.
    std::vector<double> ticks;
    const double first = std::ceil(lo / step - 1e-9);
    for (double k = first; k * step <= hi + step * 1e-9 && ticks.size() < 64; k += 1)
        ticks.push_back(k == 0 ? 0.0 : k * step);
    return ticks;
}

namespace {

bool allDistinct(const std::vector<QString>& labels) {
    for (size_t i = 1; i < labels.size(); ++i)
        if (labels[i] == labels[i - 1])
            return false;
    return true;
}

}  // namespace

std::vector<QString> colorbarTickLabels(const std::vector<double>& ticks) {
    double largest = 0, smallest = INFINITY;
    for (double t : ticks) {
        largest = std::max(largest, std::abs(t));
        if (t != 0)
            smallest = std::min(smallest, std::abs(t));
    }
    const bool scientific = largest >= 1e5 || (std::isfinite(smallest) && largest < 1e-3);
    const double step = ticks.size() > 1 ? std::abs(ticks[1] - ticks[0]) : 0;
    std::vector<QString> labels(ticks.size());
    // Start from what the step needs, then add digits until neighbours differ (at most 15: a double's).
    int digits = scientific ? 2
                 : step > 0 ? std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)))
                            : 3;
    for (;; ++digits) {
        for (size_t i = 0; i < ticks.size(); ++i)
            labels[i] = scientific ? QString::number(ticks[i], 'e', std::min(digits, 15))
                                   : QString::number(ticks[i], 'f', std::min(digits, 15));
        if (digits >= 15 || allDistinct(labels))
            return labels;
    }
}

QString axisLabelFormat(double lo, double hi, int ticks) {
    if (!(hi > lo) || ticks < 2 || !std::isfinite(lo) || !std::isfinite(hi))
        return QStringLiteral("%.3g");
    std::vector<double> values;
    for (int i = 0; i < ticks; ++i)
        values.push_back(lo + (hi - lo) * i / (ticks - 1));
    const double largest = std::max(std::abs(lo), std::abs(hi));
    const bool scientific = largest >= 1e5 || largest < 1e-3;
    const double step = (hi - lo) / (ticks - 1);
    const int start = scientific ? 1 : std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    // Digits until neighbours differ and each label reads as its value (0.25, not 0.2); up to three more
    // than the step needs for exactness, then distinct is enough.
    for (int digits = start;; ++digits) {
        const QString format = QString::fromLatin1(scientific ? "%.%1e" : "%.%1f").arg(std::min(digits, 15));
        std::vector<QString> labels;
        bool exact = true;
        for (double v : values) {
            labels.push_back(QString::asprintf(format.toLatin1().constData(), v));
            exact = exact && std::abs(labels.back().toDouble() - v) <= step * 1e-6;
        }
        if (digits >= 15 || (allDistinct(labels) && (exact || digits >= start + 3)))
            return format;
    }
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

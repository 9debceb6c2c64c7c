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

namespace {

QString superscript(int n) {
    static const char16_t digits[] = u"\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";
    QString s;
    for (QChar c : QString::number(n))
        s += c == QLatin1Char('-') ? QChar(0x207b) : QChar(digits[c.digitValue()]);
    return s;
}

}  // namespace

TickLabels tickLabels(double lo, double hi, int target) {
    TickLabels out;
    out.ticks = colorbarTicks(lo, hi, target);
    if (out.ticks.size() < 2) {
        for (double t : out.ticks)
            out.labels.push_back(QString::number(t, 'g', 6));
        return out;
    }
    const double step = out.ticks[1] - out.ticks[0];
    double largest = 0;
    for (double t : out.ticks)
        largest = std::max(largest, std::abs(t));
    // An offset when plain labels would need five or more significant digits to differ.
    if (largest / step >= 1e4) {
        const double span = out.ticks.back() - out.ticks.front() + step;
        const double unit = std::pow(10.0, std::ceil(std::log10(span)));
        out.offset = std::floor(out.ticks.front() / unit) * unit;
    }
    std::vector<double> values;
    double largestValue = 0;
    for (double t : out.ticks) {
        const double v = t - out.offset;
        values.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
        largestValue = std::max(largestValue, std::abs(values.back()));
    }
    if (largestValue >= 1e4 || (largestValue > 0 && largestValue < 1e-2))
        out.exponent = static_cast<int>(std::floor(std::log10(largestValue)));
    const double scale = std::pow(10.0, out.exponent);
    const double scaledStep = step / scale;
    out.labels.resize(values.size());
    for (int digits = std::max(0, static_cast<int>(std::ceil(-std::log10(scaledStep) - 1e-9)));; ++digits) {
        for (size_t i = 0; i < values.size(); ++i)
            out.labels[i] = QString::number(values[i] / scale, 'f', std::min(digits, 15));
        if (digits >= 15 || allDistinct(out.labels))
            break;
    }
    if (out.exponent != 0)
        out.suffix = powerOfTenText(out.exponent);
    if (out.offset != 0) {
        const QString offset = QString::number(out.offset, 'g', 12);
        out.suffix += (out.suffix.isEmpty() ? QString() : QStringLiteral(" ")) +
                      (out.offset > 0 ? QStringLiteral("+") + offset : offset);
    }
    return out;
}

QString powerOfTenText(int exponent) {
    return QStringLiteral("×10") + superscript(exponent);
}

QString compactRangeText(double lo, double hi) {
    const double largest = std::max(std::abs(lo), std::abs(hi));
    if (!(largest > 0 && largest < 1e-2) && !(largest >= 1e5))
        return QStringLiteral("%1 – %2").arg(QString::number(lo, 'g', 3), QString::number(hi, 'g', 3));
    const int e = static_cast<int>(std::floor(std::log10(largest)));
    const double scale = std::pow(10.0, e);
    return QStringLiteral("%1 – %2 %3")
        .arg(QString::number(lo / scale, 'g', 3), QString::number(hi / scale, 'g', 3), powerOfTenText(e));
}

double tickValue(const TickLabels& t, size_t i) {
    return t.labels[i].toDouble() * std::pow(10.0, t.exponent) + t.offset;
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

#pragma once

#include <QImage>
#include <QString>

#include <vector>

namespace filterscope {

class Colormap;

// "Nice" tick values (1, 2 or 5 × 10^k apart) inside [lo, hi], about `target` of them, for colorbars
// that label real values rather than fractions of the range.
std::vector<double> colorbarTicks(double lo, double hi, int target = 5);

// A colorbar's or axis' tick labels the way matplotlib's ScalarFormatter writes them: short, never two
// alike, and what they share said once in `suffix`. tick = label × 10^exponent + offset. An offset when the
// ticks differ only far behind their leading digits (0.99970 … 1.00000: "0.70 … 1.00", "×10⁻³ +0.999"), a
// factor when they are very small or large (0.0049 … 0.0050: "4.90 … 5.00", "×10⁻³"); labels get as many
// decimals as the step needs, and more while two neighbours would still read the same.
struct TickLabels {
    std::vector<double> ticks;
    std::vector<QString> labels;
    int exponent = 0;
    double offset = 0;
    QString suffix;  // "", "×10⁻³", "+0.999", "×10⁻³ +0.999"
};
TickLabels tickLabels(double lo, double hi, int target = 5);
// "×10⁻³": the factor a label's suffix names, with superscript digits.
QString powerOfTenText(int exponent);
// "4.44 – 5.12 ×10⁻³" for a narrow place: three significant digits, small values with a shared factor
// rather than "0.00444 – 0.00512" (cut to "0.00444 – 0.0…" in a stage strip's cell).
QString compactRangeText(double lo, double hi);

// The value a label and its scale stand for (what a reader computes): label × 10^exponent + offset.
double tickValue(const TickLabels& t, size_t i);

// A printf format for an axis from lo to hi with `ticks` evenly spaced labels (Qt Charts' QValueAxis), with
// enough digits that neighbouring labels differ: "%.3f" for 0.9970 to 0.9985, "%.2e" for tiny or huge.
QString axisLabelFormat(double lo, double hi, int ticks);

// The colormap as a 1×256 image, top = 1, bottom = 0: scaled into any colorbar rectangle.
QImage colorbarGradient(const Colormap& colormap);

}  // namespace filterscope

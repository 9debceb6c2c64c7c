#pragma once

#include <QImage>
#include <QString>

#include <vector>

namespace filterscope {

class Colormap;

// "Nice" tick values (1, 2 or 5 × 10^k apart) inside [lo, hi], about `target` of them, for colorbars
// that label real values rather than fractions of the range.
std::vector<double> colorbarTicks(double lo, double hi, int target = 5);

// The ticks' labels, never two alike: as many decimals as the tick step needs, and more while two
// neighbours would still read the same (a near-constant map: 0.0050002, 0.0050004, …); very large or small
// values in scientific notation with as many digits as tell them apart.
std::vector<QString> colorbarTickLabels(const std::vector<double>& ticks);

// A printf format for an axis from lo to hi with `ticks` evenly spaced labels (Qt Charts' QValueAxis), with
// enough digits that neighbouring labels differ: "%.3f" for 0.9970 to 0.9985, "%.2e" for tiny or huge.
QString axisLabelFormat(double lo, double hi, int ticks);

// The colormap as a 1×256 image, top = 1, bottom = 0: scaled into any colorbar rectangle.
QImage colorbarGradient(const Colormap& colormap);

}  // namespace filterscope

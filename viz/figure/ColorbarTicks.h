#pragma once

#include <QImage>
#include <QString>

#include <vector>

namespace filterscope {

class Colormap;

// "Nice" tick values (1, 2 or 5 × 10^k apart) inside [lo, hi], about `target` of them, for colorbars
// that label real values rather than fractions of the range.
std::vector<double> colorbarTicks(double lo, double hi, int target = 5);

// A tick's label: as many decimals as the tick step needs (at most 6); very large or small values in
// 3-digit scientific notation.
QString colorbarTickLabel(double value, double step);

// The colormap as a 1×256 image, top = 1, bottom = 0: scaled into any colorbar rectangle.
QImage colorbarGradient(const Colormap& colormap);

}  // namespace filterscope

#pragma once

#include <vector>

namespace filterscope {

// "Nice" tick values (1, 2 or 5 × 10^k apart) inside [lo, hi], about `target` of them, for colorbars
// that label real values rather than fractions of the range.
std::vector<double> colorbarTicks(double lo, double hi, int target = 5);

}  // namespace filterscope

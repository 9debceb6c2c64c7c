#include "analysis/Faithfulness.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace filterscope {

int64_t roundHalfEven(double v) {
    const double f = std::floor(v);
    const double d = v - f;
    if (d > 0.5)
        return static_cast<int64_t>(f) + 1;
    if (d < 0.5)
        return static_cast<int64_t>(f);
    return static_cast<int64_t>(std::fmod(f, 2.0) == 0.0 ? f : f + 1);
}

std::vector<int64_t> rankCells(const FloatArray& map) {
    std::vector<int64_t> order(static_cast<size_t>(map.elementCount()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&map](int64_t a, int64_t b) { return map.data[a] > map.data[b]; });
    return order;
}

int faithfulnessSteps(int64_t cells) {
    return static_cast<int>(std::min<int64_t>(cells, 16));
}

int64_t cellsAtStep(int step, int64_t cells, int steps) {
    return roundHalfEven(double(step) * double(cells) / double(steps));
}

FloatArray perturbInput(const FloatArray& input, const std::vector<int64_t>& ranked, int64_t count,
                        int64_t gridH, int64_t gridW, bool keepRanked) {
    if (input.dim() != 4 || input.shape[0] != 1)
        throw Error("faithfulness needs an image input [1,C,H,W], got " + input.shapeString());
    const int64_t channels = input.shape[1], height = input.shape[2], width = input.shape[3];
    // Deletion starts from the input and fills cells; insertion starts filled and copies cells back.
    FloatArray out = keepRanked ? FloatArray(input.shape, 0.0f) : input;
    for (int64_t k = 0; k < std::min<int64_t>(count, static_cast<int64_t>(ranked.size())); ++k) {
        const int64_t i = ranked[k] / gridW, j = ranked[k] % gridW;
        const int64_t y0 = roundHalfEven(double(i) * height / gridH),
                      y1 = roundHalfEven(double(i + 1) * height / gridH);
        const int64_t x0 = roundHalfEven(double(j) * width / gridW),
                      x1 = roundHalfEven(double(j + 1) * width / gridW);
        for (int64_t c = 0; c < channels; ++c)
            for (int64_t y = y0; y < y1; ++y)
                for (int64_t x = x0; x < x1; ++x) {
                    const int64_t at = (c * height + y) * width + x;
                    out.data[at] = keepRanked ? input.data[at] : 0.0f;
                }
    }
    return out;
}

double curveAuc(const std::vector<float>& p) {
    if (p.size() < 2)
        return 0;
    const double steps = double(p.size() - 1);
    double sum = 0;
    for (float v : p)
        sum += v;
    return (sum - (double(p.front()) + p.back()) / 2) / steps;
}

}  // namespace filterscope

#include "input/PilResampler.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace filterscope {
namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;

double bilinear(double x) {
    x = std::abs(x);
    return x < 1.0 ? 1.0 - x : 0.0;
}

// Keys' cubic convolution with a = −0.5, as Pillow's bicubic_filter.
double bicubic(double x) {
    constexpr double a = -0.5;
    x = std::abs(x);
    if (x < 1.0)
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    if (x < 2.0)
        return (((x - 5) * x + 8) * x - 4) * a;
    return 0.0;
}

// Per output pixel: the first input pixel, how many it reads, and their fixed-point weights.
struct Coefficients {
    int taps = 0;
    std::vector<int> first, count;
    std::vector<int32_t> weights;  // [out · taps]
};

Coefficients precompute(int inSize, int outSize, PilFilter filter) {
    const double support0 = filter == PilFilter::Bicubic ? 2.0 : 1.0;
    // Pillow computes the scale from a float box (0, inSize): the same value for sizes below 2^24.
    const double scale = static_cast<double>(static_cast<float>(inSize)) / outSize;
    const double filterScale = std::max(scale, 1.0);
    const double support = support0 * filterScale;
    Coefficients c;
    c.taps = static_cast<int>(std::ceil(support)) * 2 + 1;
    c.first.resize(outSize);
    c.count.resize(outSize);
    c.weights.assign(static_cast<size_t>(outSize) * c.taps, 0);
    std::vector<double> k(c.taps);
    for (int xx = 0; xx < outSize; ++xx) {
        const double center = (xx + 0.5) * scale;
        const double ss = 1.0 / filterScale;
        const int xmin = std::max(0, static_cast<int>(center - support + 0.5));  // truncation, as Pillow
        const int xmax = std::min(inSize, static_cast<int>(center + support + 0.5)) - xmin;
        double total = 0.0;
        for (int x = 0; x < xmax; ++x) {
            const double w = filter == PilFilter::Bicubic ? bicubic((x + xmin - center + 0.5) * ss)
                                                          : bilinear((x + xmin - center + 0.5) * ss);
            k[x] = w;
            total += w;
        }
        for (int x = 0; x < xmax; ++x) {
            const double w = total != 0.0 ? k[x] / total : k[x];
            // Rounded half away from zero, as Pillow's normalize_coeffs_8bpc.
            c.weights[static_cast<size_t>(xx) * c.taps + x] = static_cast<int32_t>(
                w < 0 ? -0.5 + w * (1 << kPrecisionBits) : 0.5 + w * (1 << kPrecisionBits));
        }
        c.first[xx] = xmin;
        c.count[xx] = std::max(xmax, 0);
    }
    return c;
}

uint8_t clip8(int32_t v) {
    if (v >= (1 << kPrecisionBits << 8))
        return 255;
    if (v <= 0)
        return 0;
    return static_cast<uint8_t>(v >> kPrecisionBits);
}

// Rows [rowFirst, rowFirst + rows) of `in`, resampled along x to `outWidth`.
RgbImage horizontal(const RgbImage& in, int outWidth, int rowFirst, int rows, const Coefficients& c) {
    RgbImage out;
    out.width = outWidth;
    out.height = rows;
    out.pixels.resize(static_cast<size_t>(outWidth) * rows * 3);
    for (int y = 0; y < rows; ++y) {
        const uint8_t* src = in.pixels.data() + static_cast<size_t>(y + rowFirst) * in.width * 3;
        uint8_t* dst = out.pixels.data() + static_cast<size_t>(y) * outWidth * 3;
        for (int xx = 0; xx < outWidth; ++xx) {
            const int32_t* k = c.weights.data() + static_cast<size_t>(xx) * c.taps;
            int32_t s[3] = {1 << (kPrecisionBits - 1), 1 << (kPrecisionBits - 1), 1 << (kPrecisionBits - 1)};
            for (int x = 0; x < c.count[xx]; ++x) {
                const uint8_t* p = src + static_cast<size_t>(x + c.first[xx]) * 3;
                for (int ch = 0; ch < 3; ++ch)
                    s[ch] += p[ch] * k[x];
            }
            for (int ch = 0; ch < 3; ++ch)
                dst[xx * 3 + ch] = clip8(s[ch]);
        }
    }
    return out;
}

// `in` resampled along y; output row yy reads input rows from c.first[yy] − rowShift.
RgbImage vertical(const RgbImage& in, int outHeight, int rowShift, const Coefficients& c) {
    RgbImage out;
    out.width = in.width;
    out.height = outHeight;
    out.pixels.resize(static_cast<size_t>(in.width) * outHeight * 3);
    const size_t stride = static_cast<size_t>(in.width) * 3;
    for (int yy = 0; yy < outHeight; ++yy) {
        const int32_t* k = c.weights.data() + static_cast<size_t>(yy) * c.taps;
        const int first = c.first[yy] - rowShift;
        uint8_t* dst = out.pixels.data() + static_cast<size_t>(yy) * stride;
        for (size_t i = 0; i < stride; ++i) {
            int32_t s = 1 << (kPrecisionBits - 1);
            for (int y = 0; y < c.count[yy]; ++y)
                s += in.pixels[static_cast<size_t>(first + y) * stride + i] * k[y];
            dst[i] = clip8(s);
        }
    }
    return out;
}

}  // namespace

RgbImage pilResize(const RgbImage& image, int width, int height, PilFilter filter) {
    if (image.empty() || width < 1 || height < 1)
        throw Error("cannot resize an empty image or to an empty size");
    if (width == image.width && height == image.height)
        return image;  // Pillow returns a copy: no resampling at the same size
    const bool needHorizontal = width != image.width;
    const bool needVertical = height != image.height;
    const Coefficients ch = precompute(image.width, width, filter);
    const Coefficients cv = precompute(image.height, height, filter);
    // The horizontal pass only covers the rows the vertical pass will read.
    const int rowFirst = cv.first.front();
    const int rowLast = cv.first.back() + cv.count.back();
    RgbImage out = image;
    int rowShift = 0;
    if (needHorizontal) {
        out = horizontal(image, width, needVertical ? rowFirst : 0,
                         needVertical ? rowLast - rowFirst : image.height, ch);
        rowShift = needVertical ? rowFirst : 0;
    }
    if (needVertical)
        out = vertical(out, height, rowShift, cv);
    return out;
}

}  // namespace filterscope

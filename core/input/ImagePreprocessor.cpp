#include "input/ImagePreprocessor.h"

#include "common/Error.h"
#include "input/PilResampler.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace filterscope {
namespace {

int cvInterpolation(ImageInputSpec::Interpolation i) {
    switch (i) {
        case ImageInputSpec::Interpolation::Nearest:
            return cv::INTER_NEAREST;
        case ImageInputSpec::Interpolation::Bilinear:
            return cv::INTER_LINEAR;
        case ImageInputSpec::Interpolation::Bicubic:
            return cv::INTER_CUBIC;
        case ImageInputSpec::Interpolation::Area:
            return cv::INTER_AREA;
    }
    return cv::INTER_LINEAR;
}

// Python's round() of d / 2 for an integer d ≥ 0: halves go to the even neighbour.
constexpr int64_t kMaxResizedPixels = 100000000;

int roundHalfToEven(int d) {
    const int k = d / 2;
    return d % 2 == 0 || k % 2 == 0 ? k : k + 1;
}

}  // namespace

ResizeGeometry resizeGeometry(int imageWidth, int imageHeight, const ImageInputSpec& spec) {
    const int H = spec.height, W = spec.width;
    ResizeGeometry g;
    if (!spec.torchvisionGeometry()) {
        g.width = W, g.height = H;
        if (spec.resize == ImageInputSpec::Resize::ShorterSideCrop) {
            const double s =
                std::max(static_cast<double>(H) / imageHeight, static_cast<double>(W) / imageWidth);
            g.height = std::max(H, static_cast<int>(std::floor(imageHeight * s + 0.5)));
            g.width = std::max(W, static_cast<int>(std::floor(imageWidth * s + 0.5)));
            g.top = (g.height - H) / 2;
            g.left = (g.width - W) / 2;
        }
        if (static_cast<int64_t>(g.width) * g.height > kMaxResizedPixels)
            throw Error("a " + std::to_string(imageWidth) + "x" + std::to_string(imageHeight) +
                        " image would be resized to " + std::to_string(g.width) + "x" +
                        std::to_string(g.height) +
                        " before its crop: too extreme an aspect ratio for this input size");
        return g;
    }
    // torchvision 0.14: Resize(int) on the shorter side (longer side int(new_short · long / short)), or
    // Resize((h, w)); then CenterCrop with offsets int(round((h − th) / 2)).
    const double p = spec.cropPct > 0 ? spec.cropPct : 1.0;
    if (spec.resize == ImageInputSpec::Resize::ShorterSideCrop) {
        const int64_t shortTarget = static_cast<int64_t>(std::floor(std::max(H, W) / p));
        const int64_t shortSide = std::min(imageWidth, imageHeight),
                      longSide = std::max(imageWidth, imageHeight);
        const int64_t longTarget = static_cast<int64_t>(static_cast<double>(shortTarget * longSide) /
                                                        static_cast<double>(shortSide));
        if (longTarget * shortTarget > kMaxResizedPixels)
            throw Error("a " + std::to_string(imageWidth) + "x" + std::to_string(imageHeight) +
                        " image would be resized to " + std::to_string(longTarget) +
                        " pixels along its longer side: too extreme an aspect ratio for this input size");
        g.width = static_cast<int>(imageWidth <= imageHeight ? shortTarget : longTarget);
        g.height = static_cast<int>(imageWidth <= imageHeight ? longTarget : shortTarget);
    } else {
        g.height = static_cast<int>(std::floor(H / p));
        g.width = static_cast<int>(std::floor(W / p));
    }
    g.top = roundHalfToEven(g.height - H);
    g.left = roundHalfToEven(g.width - W);
    return g;
}

PreparedImage prepareImage(const RgbImage& image, const ImageInputSpec& spec) {
    if (image.empty())
        throw Error("cannot prepare an empty image");
    const int H = spec.height, W = spec.width;
    const ResizeGeometry g = resizeGeometry(image.width, image.height, spec);
    PreparedImage out;
    RgbImage resampled;
    const bool resample = g.width != image.width || g.height != image.height;
    if (resample && spec.resampler == ImageInputSpec::Resampler::Pil) {
        resampled =
            pilResize(image, g.width, g.height,
                      spec.interpolation == ImageInputSpec::Interpolation::Bicubic ? PilFilter::Bicubic
                                                                                   : PilFilter::Bilinear);
    } else if (resample) {
        cv::Mat src(image.height, image.width, CV_8UC3, const_cast<uint8_t*>(image.pixels.data()));
        cv::Mat dst;
        cv::resize(src, dst, cv::Size(g.width, g.height), 0, 0, cvInterpolation(spec.interpolation));
        resampled.width = g.width, resampled.height = g.height;
        resampled.pixels.assign(dst.data, dst.data + static_cast<size_t>(g.width) * g.height * 3);
    }
    out.resampled = resample;
    const RgbImage& sized = resample ? resampled : image;
    if (g.top < 0 || g.left < 0 || g.top + H > sized.height || g.left + W > sized.width)
        throw Error("internal: crop outside the resized image");

    out.resized.width = W;
    out.resized.height = H;
    out.resized.pixels.resize(static_cast<size_t>(W) * H * 3);
    for (int y = 0; y < H; ++y)
        std::memcpy(out.resized.pixels.data() + static_cast<size_t>(y) * W * 3,
                    sized.pixel(g.left, g.top + y), static_cast<size_t>(W) * 3);

    out.tensor = FloatArray({1, 3, H, W});
    const size_t plane = static_cast<size_t>(H) * W;
    for (size_t i = 0; i < plane; ++i)
        for (int c = 0; c < 3; ++c) {
            const float v = static_cast<float>(out.resized.pixels[i * 3 + c]) / 255.0f;
            out.tensor.data[c * plane + i] = (v - spec.mean[c]) / spec.std[c];
        }
    return out;
}

}  // namespace filterscope

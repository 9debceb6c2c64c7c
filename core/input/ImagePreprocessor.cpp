#include "input/ImagePreprocessor.h"

#include "common/Error.h"

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

}  // namespace

PreparedImage prepareImage(const RgbImage& image, const ImageInputSpec& spec) {
    if (image.empty())
        throw Error("cannot prepare an empty image");
    const int H = spec.height, W = spec.width;
    cv::Mat src(image.height, image.width, CV_8UC3, const_cast<uint8_t*>(image.pixels.data()));
    cv::Mat sized = src;
    PreparedImage out;
    const int interp = cvInterpolation(spec.interpolation);

    if (spec.resize == ImageInputSpec::Resize::Stretch) {
        if (image.width != W || image.height != H) {
            cv::resize(src, sized, cv::Size(W, H), 0, 0, interp);
            out.resampled = true;
        }
    } else {
        const double s =
            std::max(static_cast<double>(H) / image.height, static_cast<double>(W) / image.width);
        const int nh = std::max(H, static_cast<int>(std::floor(image.height * s + 0.5)));
        const int nw = std::max(W, static_cast<int>(std::floor(image.width * s + 0.5)));
        if (nw != image.width || nh != image.height) {
            cv::resize(src, sized, cv::Size(nw, nh), 0, 0, interp);
            out.resampled = true;
        }
        sized = sized(cv::Rect((nw - W) / 2, (nh - H) / 2, W, H));
    }

    out.resized.width = W;
    out.resized.height = H;
    out.resized.pixels.resize(static_cast<size_t>(W) * H * 3);
    for (int y = 0; y < H; ++y)
        std::memcpy(out.resized.pixels.data() + static_cast<size_t>(y) * W * 3, sized.ptr<uint8_t>(y),
                    static_cast<size_t>(W) * 3);

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

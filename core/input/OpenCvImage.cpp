#include "input/OpenCvImage.h"

#include <opencv2/imgproc.hpp>

#include <cstring>

namespace filterscope {

RgbImage rgbFromBgr(const cv::Mat& bgr) {
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    RgbImage image;
    image.width = rgb.cols;
    image.height = rgb.rows;
    image.pixels.resize(static_cast<size_t>(rgb.cols) * rgb.rows * 3);
    for (int y = 0; y < rgb.rows; ++y)
        std::memcpy(image.pixels.data() + static_cast<size_t>(y) * rgb.cols * 3, rgb.ptr<uint8_t>(y),
                    static_cast<size_t>(rgb.cols) * 3);
    return image;
}

}  // namespace filterscope

#pragma once

#include "input/RgbImage.h"

#include <opencv2/core.hpp>

namespace filterscope {

// An OpenCV BGR frame (imread, VideoCapture) as core's RGB image. Internal to core's input code.
RgbImage rgbFromBgr(const cv::Mat& bgr);

}  // namespace filterscope

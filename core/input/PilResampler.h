#pragma once

#include "input/RgbImage.h"

namespace filterscope {

// Pillow's Image.resize for 8-bit RGB with the BILINEAR or BICUBIC filter (Resample.c, Pillow 9.x), pixel
// for pixel: the filter's support is stretched by the scale when shrinking (antialiasing), coefficients
// are normalised per output pixel and rounded to 22-bit fixed point, the horizontal pass runs first (only
// over the rows the vertical pass reads) and is rounded to 8 bits before the vertical pass. OpenCV's
// cv::resize samples a fixed 2- or 4-tap kernel instead, so shrinking differs from PIL by many levels.
enum class PilFilter { Bilinear, Bicubic };

RgbImage pilResize(const RgbImage& image, int width, int height, PilFilter filter);

}  // namespace filterscope

#pragma once

#include "input/RgbImage.h"

#include <string>

namespace filterscope {

// Decodes PNG, JPEG, BMP, TIFF and WebP (whatever Debian's OpenCV was built with) to 8-bit RGB.
// EXIF orientation is applied, so the pixels are upright as a photo viewer shows them; alpha is dropped,
// grey is replicated, 16-bit is scaled to 8-bit. Throws Error naming the file and the problem.
RgbImage loadImage(const std::string& path);

}  // namespace filterscope

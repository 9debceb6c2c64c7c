#pragma once

#include "input/RgbImage.h"

#include <string>
#include <vector>

namespace filterscope {

enum class ExifOrientation { Apply, Ignore };

// Images claiming more pixels than this are refused from their header, before any allocation.
constexpr long long kMaxDecodedPixels = 100000000;

// Decodes PNG, JPEG, BMP, TIFF and WebP (whatever Debian's OpenCV was built with) to 8-bit RGB.
// With ExifOrientation::Apply the pixels are upright as a photo viewer shows them; Ignore keeps the stored
// order, as PIL's Image.open(...).convert("RGB") (and so timm and torchvision loaders) do. Alpha is
// dropped, grey is replicated, 16-bit is scaled to 8-bit. Throws Error naming the file and the problem.
// A JPEG with damaged data that libjpeg decodes anyway (truncated, corrupt entropy data) is loaded, and
// one line per defect, naming the file, goes to `warnings` when given (input/JpegIntegrity).
RgbImage loadImage(const std::string& path, ExifOrientation orientation = ExifOrientation::Apply,
                   std::vector<std::string>* warnings = nullptr);

}  // namespace filterscope

#pragma once

#include <string>

namespace filterscope {

// Why libpng cannot decode `bytes`, for a PNG OpenCV refused: "truncated PNG: the file ends after 4096
// bytes (libpng: Read Error)", "damaged PNG (libpng: IDAT: CRC error)". OpenCV gives its caller only an
// empty picture and libpng's words reach stderr alone, so this decodes once more with an error handler
// that keeps them. Empty when libpng decodes the whole picture, or `bytes` is not a PNG.
std::string pngDecodeProblem(const std::string& bytes);

}  // namespace filterscope

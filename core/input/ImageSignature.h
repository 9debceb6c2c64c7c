#pragma once

#include <string>

namespace filterscope {

// The file's first bytes agree with its image extension (PNG, JPEG, BMP, TIFF, WebP signatures); empty,
// or why not ("not a PNG file", "empty file"). Said the same for a file opened on its own as for one in
// an opened folder.
std::string imageSignatureProblem(const std::string& path);

}  // namespace filterscope

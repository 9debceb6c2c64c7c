#pragma once

#include <optional>
#include <string>
#include <utility>

namespace filterscope {

// Width and height an image file declares in its header (PNG IHDR, JPEG SOFn, BMP), read from its first
// bytes without decoding, so a small file claiming a huge picture is refused before any allocation.
// nullopt for other formats or a header not found in `bytes`.
std::optional<std::pair<long long, long long>> declaredImageSize(const std::string& bytes);

}  // namespace filterscope

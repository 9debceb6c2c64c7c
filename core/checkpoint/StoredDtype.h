#pragma once

#include <string>

namespace filterscope {

// The element types checkpoint files store, by their safetensors names ("F32", "F16", "BF16", "F64"):
// bytes per element (0 for any other name) and one little-endian element converted to float32.
int storedItemSize(const std::string& dtype);
float storedElementToFloat(const unsigned char* bytes, const std::string& dtype);

}  // namespace filterscope

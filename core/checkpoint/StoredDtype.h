#pragma once

#include <cstddef>
#include <string>

namespace filterscope {

// The element types checkpoint files store, by their safetensors names ("F32", "F16", "BF16", "F64"):
// bytes per element (0 for any other name), and little-endian elements converted to float32.
int storedItemSize(const std::string& dtype);
// Converts COUNT contiguous elements; the type is decided once, not per element (a 7B LLaMA layer has
// 200 million of them).
void convertStored(const unsigned char* bytes, const std::string& dtype, float* out, size_t count);

}  // namespace filterscope

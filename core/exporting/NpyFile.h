#pragma once

#include "array/FloatArray.h"

#include <string>

namespace filterscope {

// NumPy .npy, format 1.0, '<f4', C order: what numpy.load returns as float32 with the array's shape.
// Written through a temporary file renamed into place, so a reader never sees half a file.
void writeNpy(const std::string& path, const FloatArray& array);
std::string encodeNpy(const FloatArray& array);
// Reads '<f4' C-order .npy (the files this program writes). Throws Error naming the file otherwise.
FloatArray readNpy(const std::string& path);

}  // namespace filterscope

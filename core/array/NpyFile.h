#pragma once

#include "array/FloatArray.h"

#include <string>

namespace filterscope {

// NumPy .npy, format 1.0, '<f4', C order: what numpy.load returns as float32 with the array's shape.
// Written through a temporary file renamed into place, so a reader never sees half a file.
void writeNpy(const std::string& path, const FloatArray& array);
std::string encodeNpy(const FloatArray& array);
// The header of a .npy file: dtype string (e.g. "<f4"), order and shape, and where the data starts.
// Checks the magic and that the header fits in `bytes`; throws Error naming `name`.
struct NpyHeader {
    std::string descr;
    bool fortranOrder = false;
    std::vector<int64_t> shape;
    size_t dataOffset = 0;
};
NpyHeader parseNpyHeader(const std::string& bytes, const std::string& name);

// Reads '<f4' C-order .npy (the files this program writes). Throws Error naming the file otherwise.
FloatArray readNpy(const std::string& path);

}  // namespace filterscope

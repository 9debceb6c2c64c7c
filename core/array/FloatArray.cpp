#include "array/FloatArray.h"

#include "common/Error.h"

#include <cmath>

namespace filterscope {

int64_t elementCountOf(const std::vector<int64_t>& shape) {
    // Checked: a corrupt file's shape must give an error, not a wrapped count that passes a size check.
    int64_t n = 1;
    for (int64_t d : shape) {
        if (d < 0)
            throw Error("shape " + shapeToString(shape) + " has a negative size");
        if (d != 0 && n > kMaxElements / d)
            throw Error("shape " + shapeToString(shape) + " has more than 2^40 elements");
        n *= d;
    }
    return n;
}

std::string shapeToString(const std::vector<int64_t>& shape) {
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i)
            s += ",";
        s += std::to_string(shape[i]);
    }
    return s + "]";
}

FloatArray::FloatArray(std::vector<int64_t> shape_, float fill)
    : shape(std::move(shape_)), data(static_cast<size_t>(elementCountOf(shape)), fill) {}

FloatArray::FloatArray(std::vector<int64_t> shape_, std::vector<float> data_)
    : shape(std::move(shape_)), data(std::move(data_)) {
    if (static_cast<int64_t>(data.size()) != elementCountOf(shape))
        throw Error("FloatArray: " + std::to_string(data.size()) + " values do not fill shape " +
                    shapeToString(shape));
}

int64_t FloatArray::elementCount() const {
    return elementCountOf(shape);
}

bool FloatArray::hasNonFinite() const {
    for (float v : data)
        if (!std::isfinite(v))
            return true;
    return false;
}

std::string FloatArray::shapeString() const {
    return shapeToString(shape);
}

}  // namespace filterscope

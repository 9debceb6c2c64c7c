#pragma once

#include "array/FloatArray.h"

#include <cstdint>
#include <vector>

namespace filterscope {

// IEEE 754 binary16 storage for large captures kept in memory (attention of long sequences). Values
// convert with round-to-nearest-even; attention probabilities keep about 3 significant digits.
struct HalfArray {
    std::vector<int64_t> shape;
    std::vector<uint16_t> data;

    static HalfArray fromFloat(const FloatArray& a);
    float at(int64_t i) const;
    size_t bytes() const { return data.size() * sizeof(uint16_t); }
};

uint16_t floatToHalf(float value);
float halfToFloat(uint16_t half);

}  // namespace filterscope

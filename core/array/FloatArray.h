#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

// Dense float32 array in C order. Captures and analysis results travel through core as this type, so
// only the inference code needs Torch headers.
struct FloatArray {
    std::vector<int64_t> shape;
    std::vector<float> data;

    FloatArray() = default;
    explicit FloatArray(std::vector<int64_t> shape_, float fill = 0.0f);
    FloatArray(std::vector<int64_t> shape_, std::vector<float> data_);

    int dim() const { return static_cast<int>(shape.size()); }
    int64_t elementCount() const;
    bool hasNonFinite() const;
    // "[1,197,192]"
    std::string shapeString() const;
};

std::string shapeToString(const std::vector<int64_t>& shape);
// The product of the sizes; throws Error for a negative size or more than kMaxElements.
constexpr int64_t kMaxElements = int64_t(1) << 40;
int64_t elementCountOf(const std::vector<int64_t>& shape);

}  // namespace filterscope

#include "checkpoint/StoredDtype.h"

#include "checkpoint/SafetensorsFile.h"

#include <cstdint>
#include <cstring>

namespace filterscope {

int storedItemSize(const std::string& dtype) {
    if (dtype == "F32")
        return 4;
    if (dtype == "F16" || dtype == "BF16")
        return 2;
    if (dtype == "F64")
        return 8;
    return 0;
}

void convertStored(const unsigned char* p, const std::string& dtype, float* out, size_t count) {
    if (count == 0)
        return;  // a zero-size tensor may come with null pointers, which memcpy must never see
    if (dtype == "F32") {
        std::memcpy(out, p, count * 4);
    } else if (dtype == "F64") {
        for (size_t i = 0; i < count; ++i) {
            double d;
            std::memcpy(&d, p + i * 8, 8);
            out[i] = static_cast<float>(d);
        }
    } else if (dtype == "F16") {
        for (size_t i = 0; i < count; ++i)
            out[i] = halfBitsToFloat(static_cast<uint16_t>(p[2 * i] | (p[2 * i + 1] << 8)));
    } else if (dtype == "BF16") {
        for (size_t i = 0; i < count; ++i) {
            const uint32_t bits = static_cast<uint32_t>(p[2 * i] | (p[2 * i + 1] << 8)) << 16;
            std::memcpy(out + i, &bits, 4);
        }
    }
}

}  // namespace filterscope

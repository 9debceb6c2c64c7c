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

float storedElementToFloat(const unsigned char* p, const std::string& dtype) {
    if (dtype == "F32") {
        float f;
        std::memcpy(&f, p, 4);
        return f;
    }
    if (dtype == "F64") {
        double f;
        std::memcpy(&f, p, 8);
        return static_cast<float>(f);
    }
    const uint16_t bits = static_cast<uint16_t>(p[0] | (p[1] << 8));
    return dtype == "F16" ? halfBitsToFloat(bits) : bfloat16BitsToFloat(bits);
}

}  // namespace filterscope

#include "array/HalfArray.h"

#include <cstring>

namespace filterscope {

uint16_t floatToHalf(float value) {
    uint32_t f;
    std::memcpy(&f, &value, 4);
    const uint32_t sign = (f >> 16) & 0x8000u;
    const uint32_t absf = f & 0x7fffffffu;
    if (absf >= 0x7f800000u)
        return static_cast<uint16_t>(sign | (absf > 0x7f800000u ? 0x7e00u : 0x7c00u));  // NaN/Inf
    if (absf >= 0x477ff000u)
        return static_cast<uint16_t>(sign | 0x7c00u);  // rounds beyond 65504: Inf
    if (absf < 0x38800000u) {                          // subnormal half (or zero)
        float scaled;
        const float a = value < 0 ? -value : value;
        scaled = a * 16777216.0f;  // 2^24: subnormal halves are multiples of 2^-24
        uint32_t m = static_cast<uint32_t>(scaled);
        const float rest = scaled - static_cast<float>(m);
        if (rest > 0.5f || (rest == 0.5f && (m & 1u)))
            ++m;
        return static_cast<uint16_t>(sign | m);
    }
    uint32_t mant = absf & 0x7fffffu;
    uint32_t exp = ((absf >> 23) - 127 + 15);
    uint32_t half = (exp << 10) | (mant >> 13);
    const uint32_t rest = mant & 0x1fffu;
    if (rest > 0x1000u || (rest == 0x1000u && (half & 1u)))
        ++half;  // ties to even; may carry into exp
    return static_cast<uint16_t>(sign | half);
}

float halfToFloat(uint16_t h) {
    const uint32_t sign = (h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1fu;
    const uint32_t mant = h & 0x3ffu;
    uint32_t f;
    if (exp == 0) {
        const float v = static_cast<float>(mant) / 16777216.0f;  // mant · 2^-24
        std::memcpy(&f, &v, 4);
        f |= sign;
    } else if (exp == 31) {
        f = sign | 0x7f800000u | (mant << 13);
    } else {
        f = sign | ((exp - 15 + 127) << 23) | (mant << 13);
    }
    float out;
    std::memcpy(&out, &f, 4);
    return out;
}

HalfArray HalfArray::fromFloat(const FloatArray& a) {
    HalfArray h;
    h.shape = a.shape;
    h.data.resize(a.data.size());
    for (size_t i = 0; i < a.data.size(); ++i)
        h.data[i] = floatToHalf(a.data[i]);
    return h;
}

float HalfArray::at(int64_t i) const {
    return halfToFloat(data[static_cast<size_t>(i)]);
}

}  // namespace filterscope

#include "input/ImageHeader.h"

#include <cstdint>

namespace filterscope {
namespace {

uint64_t be(const std::string& b, size_t at, int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i)
        v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
}

uint64_t le(const std::string& b, size_t at, int n) {
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
}

}  // namespace

std::optional<std::pair<long long, long long>> declaredImageSize(const std::string& b) {
    if (b.size() >= 24 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0 && b.compare(12, 4, "IHDR") == 0)
        return std::make_pair(static_cast<long long>(be(b, 16, 4)), static_cast<long long>(be(b, 20, 4)));
    if (b.size() >= 26 && b[0] == 'B' && b[1] == 'M') {
        const long long h = static_cast<int32_t>(le(b, 22, 4));  // negative: top-down rows
        return std::make_pair(static_cast<long long>(static_cast<int32_t>(le(b, 18, 4))), h < 0 ? -h : h);
    }
    if (b.size() >= 4 && static_cast<unsigned char>(b[0]) == 0xFF &&
        static_cast<unsigned char>(b[1]) == 0xD8) {
        size_t at = 2;
        while (at + 9 < b.size()) {  // marker segments: FF xx, big-endian length (itself included)
            if (static_cast<unsigned char>(b[at]) != 0xFF)
                return std::nullopt;
            const unsigned marker = static_cast<unsigned char>(b[at + 1]);
            if (marker == 0xFF) {  // fill byte
                ++at;
                continue;
            }
            const bool sof =
                marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof)
                return std::make_pair(static_cast<long long>(be(b, at + 7, 2)),
                                      static_cast<long long>(be(b, at + 5, 2)));
            if (marker == 0xD9 ||
                marker == 0xDA)  // end of image, or entropy-coded data before any frame header
                return std::nullopt;
            at += 2 + be(b, at + 2, 2);
        }
    }
    return std::nullopt;
}

}  // namespace filterscope

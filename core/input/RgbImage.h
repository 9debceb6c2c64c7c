#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace filterscope {

// 8-bit RGB pixels, row-major, 3 bytes per pixel, no padding. Core's own image type, so viz and tests
// need no OpenCV headers to draw or compare an input.
struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels;

    bool empty() const { return width == 0 || height == 0; }
    const uint8_t* pixel(int x, int y) const {
        return pixels.data() + (static_cast<size_t>(y) * width + x) * 3;
    }
};

}  // namespace filterscope

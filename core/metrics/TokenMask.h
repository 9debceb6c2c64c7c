#pragma once

#include "contract/PluginManifest.h"

#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

// A ground-truth foreground mask brought to a stage's token grid, so a map can be scored against it
// (plugins/README.md, "Dataset probe"):
//  1. read as 8-bit greyscale; foreground = pixel ≥ `threshold` (default 1);
//  2. the image's exact geometry (resizeGeometry: the same resize and crop the model input had), nearest
//     neighbour by pixel centres: output pixel (y, x) takes source pixel
//     (min(⌊(y + ½)·h₀/h'⌋, h₀ − 1), min(⌊(x + ½)·w₀/w'⌋, w₀ − 1)), then the crop;
//  3. area average to the h×w grid: pixel row y of the H×W input belongs to token row ⌊(y + ½)·h/H⌋ (exact
//     patches when H is a multiple of h), columns likewise;
//  4. g = foreground fraction ≥ 0.5.
struct TokenMask {
    std::vector<int64_t> grid;    // [h,w]: the stage grid it was brought to
    std::vector<float> fraction;  // [h·w] foreground share of each token
    std::vector<uint8_t> tokens;  // [h·w] fraction ≥ 0.5
    int foregroundPixels = 0;     // in the model input crop
};

// The mask file's pixels at the model input (H×W, 0/1). Throws Error naming the file when it cannot be
// read or its size differs from the image's (`imageWidth`×`imageHeight`).
std::vector<uint8_t> maskAtModelInput(const std::string& maskPath, int imageWidth, int imageHeight,
                                      const ImageInputSpec& spec, int threshold);
TokenMask tokenMask(const std::vector<uint8_t>& inputMask, int inputHeight, int inputWidth, int gridH,
                    int gridW);

// The mask for an input: `<stem>.png`, `<stem>_mask.png` (also .jpg/.bmp/.tif) in `maskDir`; empty when none.
std::string findMask(const std::string& maskDir, const std::string& inputPath);

}  // namespace filterscope

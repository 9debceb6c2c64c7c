#pragma once

#include "array/FloatArray.h"
#include "contract/PluginManifest.h"
#include "input/RgbImage.h"
#include "pointcloud/PointCloud.h"

#include <string>
#include <vector>

namespace filterscope {

// One input made ready for a plugin, image or video alike.
struct PreparedInput {
    FloatArray tensor;              // [1,3,H,W] (image) or [1,3,T,H,W] (video), normalised
    std::vector<RgbImage> frames;   // what the model saw: 1 image, or the T sampled frames, resized
    std::vector<int> frameIndices;  // video: sampled indices in the file
    int sourceFrames = 1;           // video: frames in the file
    double fps = 0;
    bool resampled = false;
    int sourceWidth = 0, sourceHeight = 0;  // images: the decoded file's size (masks must match it)
    PointCloud cloud;                       // point clouds: the P points the model saw (sampled, normalised)
    std::vector<int64_t>
        pointIndices;  // point clouds: their indices in the file (after NaN points are dropped)
    int sourcePoints = 0;
    // Damaged but decodable data, images far from the model's size or shape, clouds padded or sampled: one
    // line each, naming the file.
    std::vector<std::string> warnings;
};

// A warning for an image the model will barely see: aspect 4:1 or more (the centre crop keeps ≤ 25% of it,
// or stretching distorts it), or a shorter side a quarter of the model's or less (upscaled ≥ 4×); empty
// otherwise.
std::string imageGeometryWarning(const std::string& path, int width, int height, const ImageInputSpec& spec);

// Loads and prepares `path` as the plugin's manifest says (modality, size, normalisation, sampling).
PreparedInput prepareInput(const std::string& path, const PluginManifest& manifest);

}  // namespace filterscope

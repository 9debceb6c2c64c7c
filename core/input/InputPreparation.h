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
    std::vector<std::string> warnings;  // damaged but decodable data, one line each naming the file
};

// Loads and prepares `path` as the plugin's manifest says (modality, size, normalisation, sampling).
PreparedInput prepareInput(const std::string& path, const PluginManifest& manifest);

}  // namespace filterscope

#pragma once

#include "contract/PluginManifest.h"
#include "input/RgbImage.h"

#include <string>
#include <vector>

namespace filterscope {

// The frame indices a video plugin samples from a clip of `frameCount` frames (plugins/README.md):
//  uniform: round(linspace(0, F−1, T)) with NumPy's rounding (halves to even);
//  stride:  0, s, 2s, …, (T−1)·s.
// Throws Error when the clip is too short: there is no padding.
std::vector<int> sampleFrameIndices(int frameCount, const VideoInputSpec& spec, const std::string& path);

struct VideoFrames {
    std::vector<int> indices;      // sampled frame indices in the file
    std::vector<RgbImage> frames;  // those frames, decoded, full size
    int frameCount = 0;            // frames that decode
    double fps = 0;
};

// Decodes a clip with OpenCV (FFmpeg: MP4, AVI, MKV, WebM, animated GIF as Debian's build reads them),
// keeping only the sampled frames in memory. Frames are counted by decoding (container counts can be
// estimates); a clip that decodes fewer than 90% of the frames its container reports is refused as
// truncated. Throws Error naming the file and the problem.
VideoFrames loadVideoFrames(const std::string& path, const VideoInputSpec& spec);

// The first frame of a clip, for a thumbnail; empty when none decodes (errors are for loadVideoFrames).
RgbImage firstVideoFrame(const std::string& path);

}  // namespace filterscope

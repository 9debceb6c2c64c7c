#pragma once

#include "array/FloatArray.h"
#include "input/RgbImage.h"

#include <string>
#include <vector>

namespace filterscope {

// Writes the sampled frames with a [t,h,w] map over them as a Motion-JPEG AVI (OpenCV's writer; plays in
// any player). Frame f shows token-time slice f / tubelet; colours span [lo, hi] of `colormap`; frames are
// scaled up `scale` times (tokens stay sharp cells). Throws Error naming the path.
void writeOverlayVideo(const std::string& path, const std::vector<RgbImage>& frames, const FloatArray& map,
                       int tubelet, const std::string& colormap, double lo, double hi, double opacity = 0.6,
                       int scale = 3, double fps = 4.0);

}  // namespace filterscope

#pragma once

#include "array/FloatArray.h"
#include "contract/PluginManifest.h"
#include "input/RgbImage.h"

namespace filterscope {

struct PreparedImage {
    RgbImage resized;   // exactly what the model saw, before normalisation (used for overlays)
    FloatArray tensor;  // [1,3,H,W] float32, normalised
    bool resampled = false;
};

// Where the image is resampled to (width × height) and where the H×W crop starts in it.
struct ResizeGeometry {
    int width = 0, height = 0;
    int top = 0, left = 0;
};
// Throws Error when the aspect ratio would need an absurd resize (longer side over 10^6 pixels).
ResizeGeometry resizeGeometry(int imageWidth, int imageHeight, const ImageInputSpec& spec);

// The preprocessing of plugins/README.md ("Image preprocessing"), step for step:
//  stretch:      resize to W×H with the manifest's interpolation (cv::resize), unless already W×H;
//  shorter-crop: s = max(H/h0, W/w0); resize to (max(W, floor(w0·s+0.5)), max(H, floor(h0·s+0.5)));
//                crop H×W at top = floor((h'−H)/2), left = floor((w'−W)/2);
//  with crop_pct or the Pil resampler: torchvision's Resize + CenterCrop sizes and offsets (resizeGeometry);
//  then per channel c in float32: v = (u8 / 255 − mean[c]) / std[c], laid out as CHW.
PreparedImage prepareImage(const RgbImage& image, const ImageInputSpec& spec);

}  // namespace filterscope

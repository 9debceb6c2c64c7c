#include "input/InputPreparation.h"

#include "common/Error.h"
#include "input/ImageLoader.h"
#include "input/ImagePreprocessor.h"
#include "input/InputFileKinds.h"
#include "input/VideoLoader.h"
#include "pointcloud/PointSampling.h"

#include <algorithm>
#include <cstdio>

namespace filterscope {
namespace {

std::string sizeText(int w, int h) {
    return std::to_string(w) + "x" + std::to_string(h);
}

}  // namespace

std::string imageGeometryWarning(const std::string& path, int width, int height, const ImageInputSpec& spec) {
    const int shorter = std::min(width, height), longer = std::max(width, height);
    const int modelShorter = std::min(spec.height, spec.width);
    const std::string image = path + ": a " + sizeText(width, height) + " image";
    const std::string model = sizeText(spec.width, spec.height);
    if (shorter > 0 && longer >= 4 * shorter) {
        if (spec.resize == ImageInputSpec::Resize::ShorterSideCrop) {
            const double kept = 100.0 * static_cast<double>(shorter) / longer;
            return image + " (aspect " + std::to_string(longer / shorter) + ":1): the centre crop to " +
                   model + " keeps " +
                   (kept < 1 ? std::string("under 1") : std::to_string(static_cast<int>(kept + 0.5))) +
                   "% of it";
        }
        return image + " (aspect " + std::to_string(longer / shorter) + ":1) is stretched to " + model;
    }
    if (shorter > 0 && 4 * shorter <= modelShorter)
        return image + " is upscaled " + std::to_string(modelShorter / shorter) + "x to " + model +
               ": its maps show the interpolation, not detail";
    return {};
}

PreparedInput prepareInput(const std::string& path, const PluginManifest& manifest) {
    // A point cloud given to an image plugin is said to be one, not taken for a corrupt image.
    if (const std::string other = modalityMismatch(path, manifest.modality); !other.empty())
        throw Error(path + ": " + other);
    PreparedInput in;
    if (manifest.modality == Modality::Image) {
        // timm/torchvision decode with PIL, which leaves EXIF orientation alone: so does the Pil resampler.
        const ExifOrientation exif = manifest.input.resampler == ImageInputSpec::Resampler::Pil
                                         ? ExifOrientation::Ignore
                                         : ExifOrientation::Apply;
        const RgbImage image = loadImage(path, exif, &in.warnings);
        in.sourceWidth = image.width;
        in.sourceHeight = image.height;
        if (const std::string w = imageGeometryWarning(path, image.width, image.height, manifest.input);
            !w.empty())
            in.warnings.push_back(w);
        PreparedImage p;
        try {
            p = prepareImage(image, manifest.input);
        } catch (const Error& e) {
            throw Error(path + ": " + e.what());
        }
        in.tensor = std::move(p.tensor);
        in.frames.push_back(std::move(p.resized));
        in.resampled = p.resampled;
        return in;
    }
    if (manifest.modality == Modality::PointCloud) {
        const PointCloud full = loadPointCloud(path);
        in.sourcePoints = static_cast<int>(full.size());
        std::string note;
        in.cloud = samplePoints(full, manifest.points, path, &in.pointIndices, &note);
        if (!note.empty())
            in.warnings.push_back(note);
        in.tensor = pointTensor(in.cloud);
        return in;
    }
    VideoFrames v = loadVideoFrames(path, manifest.video);
    const int t = static_cast<int>(v.frames.size());
    const int h = manifest.input.height, w = manifest.input.width;
    in.tensor = FloatArray({1, 3, t, h, w});
    in.frameIndices = v.indices;
    in.sourceFrames = v.frameCount;
    in.fps = v.fps;
    if (v.frameCount >= 4 * t && t > 0) {  // the model sees a sparse sample of the clip: said, not assumed
        std::string every = std::to_string(v.frameCount / t) + " frames";
        if (v.fps > 0) {
            char seconds[32];
            std::snprintf(seconds, sizeof seconds, "%.1f s", static_cast<double>(v.frameCount) / t / v.fps);
            every = seconds;
        }
        in.warnings.push_back(
            path + ": the model sees " + std::to_string(t) + " of its " + std::to_string(v.frameCount) +
            " frames (" +
            (manifest.video.sampling == VideoInputSpec::Sampling::Uniform ? "uniform" : "stride") +
            " sampling, about one every " + every + ")");
    }
    const size_t plane = static_cast<size_t>(h) * w;
    for (int f = 0; f < t; ++f) {
        PreparedImage p = prepareImage(v.frames[f], manifest.input);
        in.resampled = in.resampled || p.resampled;
        for (int c = 0; c < 3; ++c)  // [1,3,H,W] frame → channel c, time f of [1,3,T,H,W]
            std::copy_n(p.tensor.data.begin() + c * plane, plane,
                        in.tensor.data.begin() + (c * t + f) * plane);
        in.frames.push_back(std::move(p.resized));
        v.frames[f] = RgbImage{};  // keep only what is needed: the full-size frame is done with
    }
    return in;
}

}  // namespace filterscope

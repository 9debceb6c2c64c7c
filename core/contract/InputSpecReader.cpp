#include "contract/InputSpecReader.h"

#include <QJsonArray>

#include <cmath>

namespace filterscope {
namespace {

using Show = ManifestReader;

// One of `names` (the first being the default when the field is absent), or a problem and the default.
int choice(ManifestReader& r, const QJsonObject& o, const char* key, const std::string& path,
           const std::vector<std::string>& names) {
    const std::string value = r.optionalString(o, key, path);
    if (value.empty())
        return 0;
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == value)
            return static_cast<int>(i);
    std::string list;
    for (const std::string& n : names)
        list += (list.empty() ? "" : ", ") + n;
    r.fail(path, "must be one of " + list + "; got \"" + value + "\"");
    return 0;
}

}  // namespace

ImageInputSpec parseImageInput(ManifestReader& r, const QJsonObject& o) {
    ImageInputSpec spec;
    const std::vector<int64_t> size = r.positiveInts(o.value(QStringLiteral("size")), 2, "input.size");
    if (!size.empty() && size[0] * size[1] > kMaxInputPixels)
        r.fail("input.size", "asks for " + std::to_string(size[0]) + "x" + std::to_string(size[1]) +
                                 " pixels, more than the " + std::to_string(kMaxInputPixels / 1000000) +
                                 " MP a model input may have");
    else if (!size.empty())
        spec.height = static_cast<int>(size[0]), spec.width = static_cast<int>(size[1]);
    spec.mean = r.threeFloats(o.value(QStringLiteral("mean")), "input.mean", false, {0, 0, 0});
    spec.std = r.threeFloats(o.value(QStringLiteral("std")), "input.std", true, {1, 1, 1});
    spec.resize = static_cast<ImageInputSpec::Resize>(
        choice(r, o, "resize", "input.resize", {"stretch", "shorter-crop"}));
    const int interp =
        choice(r, o, "interpolation", "input.interpolation", {"bilinear", "nearest", "bicubic", "area"});
    spec.interpolation = std::array<ImageInputSpec::Interpolation, 4>{
        ImageInputSpec::Interpolation::Bilinear, ImageInputSpec::Interpolation::Nearest,
        ImageInputSpec::Interpolation::Bicubic, ImageInputSpec::Interpolation::Area}[interp];
    spec.resampler =
        static_cast<ImageInputSpec::Resampler>(choice(r, o, "resample", "input.resample", {"opencv", "pil"}));
    if (spec.resampler == ImageInputSpec::Resampler::Pil &&
        spec.interpolation != ImageInputSpec::Interpolation::Bilinear &&
        spec.interpolation != ImageInputSpec::Interpolation::Bicubic)
        r.fail("input.interpolation", "must be \"bilinear\" or \"bicubic\" with \"resample\": \"pil\"");
    const QJsonValue crop = o.value(QStringLiteral("crop_pct"));
    if (!crop.isUndefined()) {
        if (!crop.isDouble() || !(crop.toDouble() > 0.0) || crop.toDouble() > 1.0)
            r.fail("input.crop_pct",
                   "must be a number in (0, 1] (e.g. 0.875: resize to size/0.875, then "
                   "centre-crop), got " +
                       Show::show(crop));
        else
            spec.cropPct = crop.toDouble();
    }
    return spec;
}

VideoInputSpec parseVideoInput(ManifestReader& r, const QJsonObject& o) {
    VideoInputSpec spec;
    auto positive = [&](const char* key, int fallback) {
        const QJsonValue x = o.value(QLatin1String(key));
        return x.isUndefined() ? fallback
                               : static_cast<int>(r.positiveInt(x, std::string("input.") + key, 100000));
    };
    spec.frames = positive("frames", 0);
    if (o.value(QStringLiteral("frames")).isUndefined())
        r.fail("input.frames", "is required for a video plugin (the number T of frames it takes)");
    spec.tubelet = std::max(1, positive("tubelet", 1));
    spec.stride = std::max(1, positive("stride", 1));
    spec.sampling = static_cast<VideoInputSpec::Sampling>(
        choice(r, o, "sampling", "input.sampling", {"uniform", "stride"}));
    if (spec.frames > 0 && spec.frames % spec.tubelet)
        r.fail("input.tubelet", "must divide input.frames (" + std::to_string(spec.frames) + "), got " +
                                    std::to_string(spec.tubelet));
    return spec;
}

PointInputSpec parsePointInput(ManifestReader& r, const QJsonObject& o) {
    PointInputSpec spec;
    spec.points = static_cast<int>(r.positiveInt(o.value(QStringLiteral("points")), "input.points", 1e7));
    spec.normalize = choice(r, o, "normalize", "input.normalize", {"unit-sphere", "none"}) == 0
                         ? PointInputSpec::Normalize::UnitSphere
                         : PointInputSpec::Normalize::None;
    spec.sampling = choice(r, o, "sampling", "input.sampling", {"fps", "random"}) == 0
                        ? PointInputSpec::Sampling::FarthestPoint
                        : PointInputSpec::Sampling::Random;
    spec.padding = choice(r, o, "padding", "input.padding", {"repeat", "none"}) == 0
                       ? PointInputSpec::Padding::Repeat
                       : PointInputSpec::Padding::None;
    const QJsonValue seed = o.value(QStringLiteral("seed"));
    if (!seed.isUndefined()) {
        const double d = seed.toDouble(-1);
        if (!seed.isDouble() || d < 0 || d > 4294967295.0 ||
            d != static_cast<double>(static_cast<int64_t>(d)))
            r.fail("input.seed", "must be an integer in 0..2^32-1, got " + Show::show(seed));
        else
            spec.seed = static_cast<uint32_t>(d);
    }
    return spec;
}

}  // namespace filterscope

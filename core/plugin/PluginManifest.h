#pragma once

#include "plugin/LlmComposition.h"
#include "plugin/TokenLayout.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

enum class Modality { Image, Video, PointCloud };

struct ImageInputSpec {
    enum class Resize { Stretch, ShorterSideCrop };
    enum class Interpolation { Nearest, Bilinear, Bicubic, Area };
    int height = 0;
    int width = 0;
    std::array<float, 3> mean{0.0f, 0.0f, 0.0f};
    std::array<float, 3> std{1.0f, 1.0f, 1.0f};
    Resize resize = Resize::Stretch;
    Interpolation interpolation = Interpolation::Bilinear;
};

// Video plugins: which frames of a clip the model sees (plugins/README.md, "Video input").
struct VideoInputSpec {
    enum class Sampling { Uniform, Stride };
    int frames = 0;  // T sampled frames
    Sampling sampling = Sampling::Uniform;
    int stride = 1;  // Stride sampling: frames 0, s, 2s, …
    int tubelet = 1;  // frames per token-time step: token time k covers frames k·tubelet … (k+1)·tubelet − 1
};

// Point-cloud plugins' input (manifest "input" for "modality": "pointcloud").
struct PointInputSpec {
    enum class Normalize { None, UnitSphere };
    enum class Sampling { FarthestPoint, Random };
    int points = 0;  // P
    Normalize normalize = Normalize::UnitSphere;
    Sampling sampling = Sampling::FarthestPoint;
    uint32_t seed = 0;
};

struct StageLabel {
    std::string name;   // capture key without its kind prefix, e.g. "llm.block"
    std::string label;  // what figures and views show, e.g. "Frozen LLaMA layer"
};

// plugin.json, schema 1 (documented in plugins/README.md). Parsing validates every field it reads, so a
// loaded manifest is always usable.
struct PluginManifest {
    static constexpr int kSchema = 1;

    std::string directory;  // absolute folder of the plugin
    std::string id;
    std::string name;
    std::string version;
    Modality modality = Modality::Image;
    std::string modelFile;  // absolute path of the TorchScript file
    ImageInputSpec input;   // image and video: size, normalisation, resize of each frame
    VideoInputSpec video;
    PointInputSpec points;  // point clouds: count, normalisation, sampling
    TokenLayout tokens;
    std::vector<StageLabel> stages;  // optional explicit order and labels
    std::string description;
    std::string citation;
    LlmComposition llm;  // "llm": encoder + adapters + LLM layer, offered as variants

    // Reads DIR/plugin.json. Throws Error naming the file and the offending key.
    static PluginManifest load(const std::string& pluginDirectory);
    static PluginManifest parse(const std::string& jsonText, const std::string& pluginDirectory);

    std::string labelForStage(const std::string& stage) const;
    // The manifest of one variant of an "llm" plugin: id "<id>@<variant>" unless it is the default, the
    // variant's label in the name, and without the llm.* stages the baseline does not have.
    PluginManifest forVariant(LlmComposition::Variant v) const;
};

std::string modalityName(Modality m);

}  // namespace filterscope

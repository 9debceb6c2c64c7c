#pragma once

#include "contract/ForwardSignature.h"
#include "contract/LlmComposition.h"
#include "contract/StageDeclaration.h"
#include "contract/TokenLayout.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace filterscope {

enum class Modality { Image, Video, PointCloud };

// Caps on what a manifest may declare, checked before anything is allocated from them.
constexpr int64_t kMaxInputPixels = 100000000;  // input.size H·W
constexpr int64_t kMaxManifestBytes = 4 << 20;

struct ImageInputSpec {
    enum class Resize { Stretch, ShorterSideCrop };
    enum class Interpolation { Nearest, Bilinear, Bicubic, Area };
    // OpenCV: cv::resize. Pil: Pillow's resampling (antialiased when shrinking) and decoding without EXIF
    // rotation, exactly what timm/torchvision feed a model (plugins/README.md, "Image preprocessing").
    enum class Resampler { OpenCv, Pil };
    int height = 0;
    int width = 0;
    std::array<float, 3> mean{0.0f, 0.0f, 0.0f};
    std::array<float, 3> std{1.0f, 1.0f, 1.0f};
    Resize resize = Resize::Stretch;
    Interpolation interpolation = Interpolation::Bilinear;
    Resampler resampler = Resampler::OpenCv;
    // timm's eval crop_pct: resize to size / crop_pct, then centre-crop to size (0: not given). With it,
    // or with the Pil resampler, sizes and crop offsets follow torchvision's Resize + CenterCrop rounding.
    double cropPct = 0;
    bool torchvisionGeometry() const { return cropPct > 0 || resampler == Resampler::Pil; }
};

// Video plugins: which frames of a clip the model sees (plugins/README.md, "Video input").
struct VideoInputSpec {
    enum class Sampling { Uniform, Stride };
    int frames = 0;  // T sampled frames
    Sampling sampling = Sampling::Uniform;
    int stride = 1;  // Stride sampling: frames 0, s, 2s, …
    int tubelet = 1;  // frames per token-time step: token time k covers frames k·tubelet … (k+1)·tubelet − 1
};

// Frame f of a video (0-based among the T sampled) falls in token-time step f / tubelet.
inline int tokenTimeOfFrame(int frame, const VideoInputSpec& spec) {
    return frame / spec.tubelet;
}

// Point-cloud plugins' input (manifest "input" for "modality": "pointcloud").
struct PointInputSpec {
    enum class Normalize { None, UnitSphere };
    enum class Sampling { FarthestPoint, Random };
    enum class Padding { Repeat, None };  // clouds with fewer than P points: repeat them, or refuse
    int points = 0;                       // P
    Normalize normalize = Normalize::UnitSphere;
    Sampling sampling = Sampling::FarthestPoint;
    Padding padding = Padding::Repeat;
    uint32_t seed = 0;
};

struct ManifestCheck;

// plugin.json, schema 1 or 2 (documented in plugins/README.md: 2 adds "forward"). Parsing validates every
// field it reads, so a loaded manifest is always usable.
struct PluginManifest {
    static constexpr int kSchema = 2;  // the newest schema this Filterscope reads; it reads every older one

    int schema = 1;
    std::string directory;  // absolute folder of the plugin
    std::string id;
    std::string name;  // "en" (or the only) text; nameVariants holds every language given
    std::map<std::string, std::string> nameVariants, descriptionVariants;
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
    // Attention-sink dimensions per stage ("sink_dims": {"llm.block": [1415, 2533]}, Kang et al. 2025);
    // a stage without them has its two most sink-like channels found from its tokens.
    std::map<std::string, std::vector<int64_t>> sinkDims;
    LlmComposition llm;                 // "llm": encoder + adapters + LLM layer, offered as variants
    ForwardSignature forward;           // how forward is called (schema 1: forward(x), batch 1, no edits)
    std::vector<std::string> warnings;  // unknown fields (ignored): each names the file and the field

    // Reads DIR/plugin.json. Throws Error naming the file and every offending key.
    static PluginManifest load(const std::string& pluginDirectory);
    static PluginManifest parse(const std::string& jsonText, const std::string& pluginDirectory);
    // The same without throwing: every problem and warning, and the manifest as far as it could be read.
    static ManifestCheck inspect(const std::string& pluginDirectory);
    static ManifestCheck inspectText(const std::string& jsonText, const std::string& pluginDirectory);

    // The stage's label (its name when it has none); in `language` when the manifest gives one.
    std::string labelForStage(const std::string& stage, const std::string& language = std::string()) const;
    // name/description in a language ("zh_CN"; then "zh"; else the default).
    std::string nameIn(const std::string& language) const;
    std::string descriptionIn(const std::string& language) const;
    // The token layout of one stage: tokens with the stage's own grid when it declares one.
    TokenLayout layoutOf(const std::string& stage) const;
    AttentionWindow windowOf(const std::string& stage) const;
    // True when some stage declares a grid of its own (a hierarchical model).
    bool hasStageGrids() const;
    // The manifest of one variant of an "llm" plugin: id "<id>@<variant>" unless it is the default, the
    // variant's label in the name, and without the llm.* stages the baseline does not have.
    PluginManifest forVariant(LlmComposition::Variant v) const;

private:
    static PluginManifest fromCheck(ManifestCheck check);
};

// What reading a manifest found. `problems` each name the file and the key; with problems only in fields
// the probe forward does not need (normalisation, resampling, labels), `probeable` stays true and
// `manifest` holds fallbacks for them, so `plugin check` can still run the model and check its captures.
struct ManifestCheck {
    PluginManifest manifest;
    std::vector<std::string> problems;
    std::vector<std::string> warnings;
    bool probeable = true;
};

std::string modalityName(Modality m);

}  // namespace filterscope

#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

class QJsonValue;

namespace filterscope {

class ManifestReader;

// The paper's recipe as a manifest section ("llm" in plugin.json): the encoder's tokens at one stage go
// through a linear adapter, a frozen LLM decoder layer and a second adapter, then an optional TorchScript
// tail (final norm, head). One plugin folder so declared offers the paper's ablations as variants:
//   llm       encoder → adapter → LLM layer k (from the checkpoint) → adapter → tail
//   random    the same with the layer's weights drawn at random (seeded)
//   identity  the adapters alone (the layer replaced by the identity)
//   baseline  encoder → tail, no adapters
struct LlmComposition {
    enum class Variant { Llm, Random, Identity, Baseline };

    bool present = false;
    std::string tokensStage;  // encoder stage whose tokens.<stage> [1,N,C] enter the first adapter
    std::string checkpoint;   // absolute folder: Hugging Face (config.json) or Meta (params.json) format
    int layer = 0;
    // Absolute .safetensors: in.weight [D,C] (+in.bias), out.weight [C,D] (+out.bias), and optionally
    // norm.weight [D]: an RMSNorm after the layer (the paper's LLaMATransformer applies its final norm).
    std::string adapters;
    double normEps = 1e-6;  // that RMSNorm's epsilon
    std::string tail;       // absolute TorchScript file, or empty
    bool rope = false, causal = false;
    uint32_t seed = 0;              // random variant
    std::vector<Variant> variants;  // offered, the first being the default

    // A variant trained on its own (Pang et al. train one model per ablation) brings its own files:
    // "weights": {"<variant>": {"model", "adapters", "tail", "checkpoint"}}, each optional, relative to the
    // plugin. "checkpoint" of "random" is the frozen random layer it was trained with (stored, so the
    // training script need not replay this program's generator). Absent: the plugin's own files.
    struct VariantFiles {
        std::string model, adapters, tail, checkpoint;  // absolute; empty: the plugin's
    };
    std::map<Variant, VariantFiles> files;
    // Set by PluginManifest::forVariant for a "random" variant with its own checkpoint: load, not draw.
    bool storedRandomLayer = false;

    // Parses the "llm" value of a plugin.json; relative paths are resolved against pluginDirectory. Every
    // problem goes to `reader` ("'llm.<key>' …"). An undefined value gives present == false.
    static LlmComposition parse(const QJsonValue& value, const std::string& pluginDirectory,
                                ManifestReader& reader);
    // The fields parse() reads, for the unknown-field warnings.
    static const std::vector<std::string>& fieldNames();
};

std::string variantName(LlmComposition::Variant v);  // "llm", "random", "identity", "baseline"
// What menus and figure titles show: "+LLM layer 3", "+random block", "+identity", "baseline".
std::string variantLabel(LlmComposition::Variant v, int layer);
// One line on what the variant computes (tooltips, plugin check).
std::string variantDescription(LlmComposition::Variant v);
// Throws Error listing the names when `name` is none of them.
LlmComposition::Variant parseVariantName(const std::string& name);

}  // namespace filterscope

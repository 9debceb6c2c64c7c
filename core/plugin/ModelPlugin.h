#pragma once

#include "capture/CaptureSet.h"
#include "contract/LlmComposition.h"
#include "contract/PluginManifest.h"
#include "inference/ScriptModule.h"

#include <memory>
#include <string>
#include <vector>

namespace filterscope {

class LlmVariantModel;
struct TokenEdit;

// A loaded, validated model plugin: manifest + TorchScript module + the stage list its captures have.
// Loading runs one probe forward pass on a zero input, so a model whose captures do not fit the
// manifest is refused at load time rather than drawing a wrong picture later.
class ModelPlugin : public std::enable_shared_from_this<ModelPlugin> {
public:
    // `variant` picks one of an "llm" plugin's variants by name (empty: the manifest's first); for other
    // plugins it must be empty. A non-default variant gets the id "<id>@<variant>".
    static std::shared_ptr<ModelPlugin> load(const std::string& directory,
                                             DevicePreference device = DevicePreference::Auto,
                                             const std::string& variant = std::string());
    ~ModelPlugin();
    // The same folder, device and variant loaded again: a new module. A forward pass that overran its
    // deadline (pipeline/ForwardDeadline) still holds this one; the rest of a batch runs on the copy.
    std::shared_ptr<ModelPlugin> reloaded() const;

    const PluginManifest& manifest() const { return manifest_; }
    const std::string& id() const { return manifest_.id; }
    // Who this plugin is, for caches: its folder, the SHA-256 of its model file (and, for "llm" plugins,
    // of its adapters and tail) and its variant. Two loads of the same unchanged folder agree; a rebuilt
    // model or another variant differs.
    const std::string& identity() const { return identity_; }
    const std::string& modelHash() const { return modelHash_; }  // SHA-256 of the model file, hex
    // Stage names in model order (manifest `stages` first, then any others in capture order).
    const std::vector<std::string>& stages() const { return stages_; }
    // Stages over the N grid (+prefix) tokens, in model order: those whose tokens.<stage> holds N tokens,
    // and those with only an attn.<stage> over N tokens (e.g. an LLM block that returns its attention but
    // names its tokens llm.in/llm.out). Every map the stage's captures allow is computed for them.
    const std::vector<std::string>& gridStages() const { return gridStages_; }
    // Stages whose tokens hold the M learned queries, and stages with xattn.<stage> cross-attention.
    const std::vector<std::string>& queryStages() const { return queryStages_; }
    const std::vector<std::string>& crossAttentionStages() const { return crossAttentionStages_; }
    std::vector<std::string> captureKeys() const { return probeKeys_; }
    std::string deviceName() const { return module_->deviceName(); }
    // For "llm" plugins: the variant this instance runs (manifest().llm.variants lists the others).
    bool hasVariants() const { return manifest_.llm.present; }
    LlmComposition::Variant variant() const { return variant_; }

    // [1,3,H,W] for image plugins.
    std::vector<int64_t> inputShape() const;

    // Runs the model and validates the captures (shapes against the layout, NaN/Inf). Throws Error
    // naming the plugin and the key; `inputName` goes into NaN messages.
    CaptureSet run(const FloatArray& input, const std::string& inputName) const;
    // Stages whose outgoing tokens this plugin can edit (token interventions): for "llm" plugins the
    // stages the composition runs itself; none for a TorchScript forward yet (this build sends no schema-2
    // edits argument).
    std::vector<std::string> editableStages() const;
    // One forward with `edit` applied. The captures are checked for NaN/Inf only: after a drop, later
    // stages hold fewer tokens than the layout. Throws Error naming the plugin and the stage when the
    // plugin cannot edit there.
    CaptureSet runEdited(const FloatArray& input, const TokenEdit& edit, const std::string& inputName) const;
    // The same with autograd, plus the gradient of `target` with respect to every attention capture.
    ScriptModule::GradientRun runWithGradients(const FloatArray& input, const std::string& inputName,
                                               const RelevanceTarget& target) const;

    // softmax(logits)[cls] for each input [1,…]: one batched forward when the model takes a batch and its
    // batched answer matches a single pass, else one pass per input. Throws Error naming the plugin when it
    // returns no [B,K] "logits" or `cls` is outside 0..K−1.
    std::vector<float> classProbabilities(const std::vector<FloatArray>& inputs, int cls,
                                          const std::string& inputName) const;

private:
    ModelPlugin() = default;
    std::vector<std::string> orderStages(const CaptureSet& captures) const;
    void validate(const CaptureSet& captures, const std::string& inputName) const;

    PluginManifest manifest_;
    CaptureSet forward(const FloatArray& input) const;

    std::unique_ptr<ScriptModule> module_;
    std::unique_ptr<LlmVariantModel> composition_;
    LlmComposition::Variant variant_ = LlmComposition::Variant::Llm;
    std::vector<std::string> stages_;
    std::vector<std::string> gridStages_;
    std::vector<std::string> queryStages_;
    std::vector<std::string> crossAttentionStages_;
    std::vector<std::string> probeKeys_;
    std::string identity_;
    std::string modelHash_;
    std::string loadedDirectory_;
    DevicePreference loadedDevice_ = DevicePreference::Auto;
    std::string loadedVariant_;
};

}  // namespace filterscope

#pragma once

#include "capture/CaptureSet.h"
#include "contract/LlmComposition.h"
#include "inference/ScriptModule.h"

#include <memory>
#include <string>

namespace filterscope {

class LlmBlock;
struct TokenEdit;

// One variant of an "llm" plugin (plugin/LlmComposition.h) after its encoder: takes the encoder's
// captures and appends tokens.llm.in (first adapter), tokens.llm.block + attn.llm.block (the layer),
// tokens.llm.norm (when the adapters carry norm.weight), tokens.llm.out (second adapter) and the tail's
// captures. The LLM layer runs natively, on the plugin's device; the adapters on the CPU.
class LlmVariantModel {
public:
    // Throws Error naming the plugin and the file: adapters that do not fit each other or the layer's
    // hidden size, an unreadable checkpoint or tail.
    static std::unique_ptr<LlmVariantModel> load(const LlmComposition& spec, LlmComposition::Variant variant,
                                                 DevicePreference device, const std::string& pluginId);
    ~LlmVariantModel();

    // Throws Error when the encoder did not return tokens.<spec.tokensStage> or its width is not C.
    CaptureSet extend(CaptureSet encoderCaptures) const;
    // The same with `edit` applied to the tokens leaving its stage (one of editableStages()); the captures
    // of later stages hold the edited run. Throws Error naming the stage when it cannot be edited here.
    CaptureSet extend(CaptureSet encoderCaptures, const TokenEdit& edit, int prefix) const;
    // The stages this composition runs itself and so can edit: the encoder's stage it takes its tokens
    // from (llm.tokens), then llm.in, llm.block, llm.norm, llm.out as this variant has them.
    std::vector<std::string> editableStages() const;
    LlmComposition::Variant variant() const { return variant_; }

private:
    LlmVariantModel();
    CaptureSet run(CaptureSet captures, const TokenEdit* edit, int prefix) const;
    struct Adapters;
    LlmComposition spec_;
    LlmComposition::Variant variant_ = LlmComposition::Variant::Llm;
    std::string pluginId_;
    std::unique_ptr<Adapters> adapters_;
    std::unique_ptr<LlmBlock> block_;
    std::unique_ptr<ScriptModule> tail_;
};

}  // namespace filterscope

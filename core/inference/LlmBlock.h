#pragma once

#include "array/FloatArray.h"
#include "capture/CaptureSet.h"
#include "inference/ScriptModule.h"

#include <cstdint>
#include <memory>
#include <string>

namespace filterscope {

// One decoder layer of a LLaMA-family or OPT LLM, loaded from a Hugging Face checkpoint folder (config.json +
// safetensors, sharded or not) or Meta's LLaMA release (params.json + consolidated.NN.pth) and run natively
// in LibTorch: the "frozen LLM block" of Pang et al.,
// applied to visual tokens. Only layer k's tensors are read (memory-mapped). Attention runs without RoPE
// and without a causal mask by default, as in the paper; both can be switched on.
struct LlmBlockOptions {
    bool rope = false;  // rotary position embedding on queries and keys (LLaMA's own); off for visual tokens
    bool causal = false;  // causal mask; off: every token attends to every token
    // Where the layer's weights live and it runs: Auto takes CUDA when this LibTorch has it.
    DevicePreference device = DevicePreference::Cpu;
};

class LlmBlock {
public:
    using Options = LlmBlockOptions;
    struct Config {
        std::string modelType;  // "llama" (and LLaMA-like: "mistral", "qwen2"), or "opt" (pre-norm)
        int hidden = 0, heads = 0, kvHeads = 0, intermediate = 0;
        double eps = 1e-6, ropeTheta = 10000.0;
    };

    // Throws Error naming the file, the tensor and expected vs actual shapes.
    static std::unique_ptr<LlmBlock> fromCheckpoint(const std::string& folder, int layer,
                                                    LlmBlockOptions options = LlmBlockOptions());
    // Layer k's architecture from config.json or params.json (+ the tensor index for Meta's FFN width),
    // without reading any weights. Throws Error like fromCheckpoint.
    static Config readConfig(const std::string& folder, int layer);
    // The same architecture with weights drawn from N(0, 0.02) by a seeded generator (norms 1, biases 0):
    // the paper's "random block" control, identical for a given seed on every machine.
    static std::unique_ptr<LlmBlock> random(const Config& config, uint32_t seed,
                                            LlmBlockOptions options = LlmBlockOptions());
    ~LlmBlock();

    // x: [1,N,hidden]. Returns "tokens.llm.block" [1,N,hidden] and "attn.llm.block" [1,H,N,N].
    CaptureSet forward(const FloatArray& x) const;
    const Config& config() const { return config_; }

private:
    LlmBlock();
    static std::unique_ptr<LlmBlock> fromMetaCheckpoint(const std::string& folder, int layer,
                                                        Options options);
    void place();  // moves the weights to options_.device (CUDA when asked for and present)
    struct Weights;
    std::unique_ptr<Weights> w_;
    Config config_;
    Options options_;
};

}  // namespace filterscope

#pragma once

#include "array/FloatArray.h"

#include <memory>
#include <string>
#include <vector>

namespace filterscope {

class TorchSaveFile;

// Meta's original LLaMA release: params.json + consolidated.NN.pth, one torch.save state dict per
// model-parallel rank (keys layers.{k}.attention.wq.weight, …), as the paper's code loads it. Read
// memory-mapped through TorchSaveFile; a tensor split across ranks is concatenated along the dimension
// Meta's ColumnParallel / RowParallel layers split it, so callers see the full layer.
class MetaLlamaCheckpoint {
public:
    struct Params {
        int dim = 0, layers = 0, heads = 0, kvHeads = 0;
        double normEps = 1e-5, ropeTheta = 10000.0;
    };

    // Throws Error naming the file: unreadable params.json, missing fields, no consolidated.*.pth.
    static std::unique_ptr<MetaLlamaCheckpoint> open(const std::string& folder);
    ~MetaLlamaCheckpoint();

    const Params& params() const { return params_; }
    bool has(const std::string& name) const;
    FloatArray read(const std::string& name) const;
    // The full tensor's shape, from the archives' indexes alone (no tensor data is read).
    std::vector<int64_t> shape(const std::string& name) const;

    // Meta's wq/wk rows pair up dimensions (2i, 2i+1) for its complex-number RoPE; Hugging Face pairs
    // (i, i + d/2) and rotates halves. This reorders the rows of each head into the Hugging Face layout
    // (what convert_llama_weights_to_hf does), so one RoPE implementation serves both formats.
    static FloatArray toHalfRotaryLayout(const FloatArray& w, int heads);

private:
    MetaLlamaCheckpoint();
    std::string folder_;
    Params params_;
    std::vector<std::unique_ptr<TorchSaveFile>> shards_;
};

}  // namespace filterscope

#pragma once

#include "array/FloatArray.h"
#include "capture/CaptureSet.h"
#include "contract/TokenLayout.h"

#include <string>
#include <vector>

namespace filterscope {

// Gradient-weighted relevance of the learned queries over the grid (Chefer et al. 2021, "generic
// attention-model explainability", bi-modal rules). Attention layers are taken in capture order:
// attn.* over N tokens (encoder self-attention), attn.* over M queries (query self-attention), xattn.*
// (cross-attention). Per layer Ā = mean_h[(∇A ⊙ A)⁺]; then
//   R_ii = I_N, R_qq = I_M, R_qi = 0;
//   encoder layer: R_ii += Ā·R_ii;   query layer: R_qq += Ā·R_qq, R_qi += Ā·R_qi;
//   cross layer:   R_qi += R̂_qqᵀ·Ā·R̂_ii with R̂ = rownorm(R − I) + I (rows of R − I scaled to sum 1).
// Row q of R_qi, grid part, is query q's map. Without gradients (`gradients` null) Ā = mean_h A: the same
// rules on raw attention, the fallback when a plugin cannot give gradients.
struct QueryRelevance {
    FloatArray maps;  // [M,h,w]
    bool gradientWeighted = false;
    std::vector<std::string> layers;  // capture keys used, in order
};

QueryRelevance computeQueryRelevance(const CaptureSet& captures, const CaptureSet* gradients,
                                     const TokenLayout& layout);

}  // namespace filterscope

#pragma once

#include "array/FloatArray.h"
#include "contract/ForwardSignature.h"

#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

// One token intervention (plugins/README.md, "Token interventions"): the tokens leaving `stage` at the
// sequence indices `tokens` (prefix tokens first, as in every capture) are zeroed, replaced by the mean of
// the input's grid tokens at that stage, or dropped from the sequence; everything after the stage runs on
// the edited tokens.
struct TokenEdit {
    std::string stage;
    ForwardSignature::EditOp op = ForwardSignature::EditOp::Zero;
    std::vector<int64_t> tokens;  // ascending, unique sequence indices
};

// `tokens` [1,N,C] after the edit: [1,N,C] for zero and mean, [1,N−k,C] for drop. The mean is over the
// grid tokens (indices ≥ `prefix`) before the edit, in double. Throws Error naming the stage when an
// index is not below N.
FloatArray applyTokenEdit(const FloatArray& tokens, const TokenEdit& edit, int prefix);

}  // namespace filterscope

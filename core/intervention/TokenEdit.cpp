#include "intervention/TokenEdit.h"

#include "common/Error.h"

#include <algorithm>

namespace filterscope {

FloatArray applyTokenEdit(const FloatArray& tokens, const TokenEdit& edit, int prefix) {
    if (tokens.dim() != 3 || tokens.shape[0] != 1)
        throw Error("cannot edit the tokens of stage '" + edit.stage + "': they are " + tokens.shapeString() +
                    ", not [1,N,C]");
    const int64_t n = tokens.shape[1], c = tokens.shape[2];
    for (int64_t t : edit.tokens)
        if (t < 0 || t >= n)
            throw Error("token " + std::to_string(t) + " is not among the " + std::to_string(n) +
                        " tokens of stage '" + edit.stage + "'");
    std::vector<uint8_t> edited(static_cast<size_t>(n), 0);
    for (int64_t t : edit.tokens)
        edited[static_cast<size_t>(t)] = 1;
    const float* x = tokens.data.data();
    if (edit.op == ForwardSignature::EditOp::Drop) {
        std::vector<float> kept;
        kept.reserve(tokens.data.size());
        for (int64_t t = 0; t < n; ++t)
            if (!edited[static_cast<size_t>(t)])
                kept.insert(kept.end(), x + t * c, x + (t + 1) * c);
        const int64_t rows = static_cast<int64_t>(kept.size()) / std::max<int64_t>(c, 1);  // before the move
        return FloatArray({1, rows, c}, std::move(kept));
    }
    FloatArray out = tokens;
    std::vector<float> fill(static_cast<size_t>(c), 0.0f);
    if (edit.op == ForwardSignature::EditOp::Mean && n > prefix) {
        std::vector<double> sum(static_cast<size_t>(c), 0.0);
        for (int64_t t = prefix; t < n; ++t)
            for (int64_t k = 0; k < c; ++k)
                sum[static_cast<size_t>(k)] += x[t * c + k];
        for (int64_t k = 0; k < c; ++k)
            fill[static_cast<size_t>(k)] =
                static_cast<float>(sum[static_cast<size_t>(k)] / double(n - prefix));
    }
    for (int64_t t = 0; t < n; ++t)
        if (edited[static_cast<size_t>(t)])
            std::copy(fill.begin(), fill.end(), out.data.begin() + t * c);
    return out;
}

}  // namespace filterscope

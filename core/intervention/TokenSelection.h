#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

struct TokenMask;

// Which grid tokens an intervention edits (`filterscope-cli intervene --tokens SPEC`):
//   list:3,17,42     grid indices, row-major over the stage's grid
//   random:F:SEED    round(F·n) of the n grid tokens, drawn by a Fisher–Yates shuffle of 0…n−1 driven by
//                    splitmix64(SEED) (for i = n−1 … 1: j = next() mod (i+1), swap), the first k taken
//   mask:inside      the tokens the input's mask covers (TokenMask: foreground share ≥ 0.5)
//   mask:outside     the others
// Prefix tokens (CLS, registers) are never chosen: indices are of grid tokens.
struct TokenSelection {
    enum class Kind { List, Random, MaskInside, MaskOutside };
    Kind kind = Kind::List;
    std::vector<int64_t> list;
    double fraction = 0;
    uint64_t seed = 0;
    std::string text;  // as given, for tables

    // Throws Error quoting the text and saying what was expected.
    static TokenSelection parse(const std::string& text);
    bool needsMask() const { return kind == Kind::MaskInside || kind == Kind::MaskOutside; }
    // Sequence indices (prefix + grid index), ascending. `mask` is required when needsMask(). Throws Error
    // when a listed index is not below `gridTokens` or the mask is of another grid size.
    std::vector<int64_t> select(int64_t gridTokens, int prefix, const TokenMask* mask) const;
};

}  // namespace filterscope

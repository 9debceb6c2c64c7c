#include "analysis/GridTokens.h"

#include "common/Error.h"

namespace filterscope {

GridTokens gridTokensOf(const FloatArray& tokens, const TokenLayout& layout, const std::string& key) {
    const auto& s = tokens.shape;
    if (s.size() != 3 || s[0] != 1)
        throw Error("capture '" + key + "' must be [1,N,C] token features, got " + tokens.shapeString());
    if (s[1] != layout.tokenCount())
        throw Error("capture '" + key + "' has " + std::to_string(s[1]) +
                    " tokens, expected N = " + layout.describe());
    GridTokens g;
    g.channels = s[2];
    g.count = layout.gridTokenCount();
    g.data = tokens.data.data() + static_cast<size_t>(layout.prefix) * g.channels;
    g.gridShape = layout.grid;
    return g;
}

}  // namespace filterscope

#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace filterscope {

// How a capture's N tokens map onto the input. `prefix` leading tokens (CLS, registers, queries) are not
// part of the grid; the rest fill `grid` in C order: [h,w] for images, [t,h,w] for a video cube.
struct TokenLayout {
    enum class Kind { Grid, Cube, Groups };  // Groups: grid = [G], one token per point group (or point)
    Kind kind = Kind::Grid;
    int prefix = 0;
    std::vector<int64_t> grid;  // [h,w] or [t,h,w]
    // Learned queries of a Q-Former-style connector (0: none). Query stages carry M tokens instead of N:
    // tokens.<stage> [1,M,C], attn.<stage> [1,H,M,M]; their xattn.<stage> [1,H,M,N] looks at the grid.
    int queries = 0;
    // Point clouds: true for layout "points" (token i is input point i), false for "groups".
    bool onePerPoint = false;

    int64_t gridTokenCount() const;
    int64_t tokenCount() const { return prefix + gridTokenCount(); }
    int64_t height() const { return grid.size() >= 2 ? grid[grid.size() - 2] : 0; }
    int64_t width() const { return grid.empty() ? 0 : grid.back(); }
    // "prefix 1 + grid 14×14 = 197"
    std::string describe() const;
};

// Grid token `token` of grid `from` as a token of grid `to`: the same index when the grids agree, else the
// cell of `to` that holds the centre of `from`'s cell (a token picked on Swin's 56×56 stage, seen on its
// 7×7 stage). −1 for −1, or when the grids are not both 2-D.
int64_t carryGridToken(int64_t token, const std::vector<int64_t>& from, const std::vector<int64_t>& to);

}  // namespace filterscope

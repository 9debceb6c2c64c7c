#include "contract/TokenLayout.h"

namespace filterscope {

int64_t TokenLayout::gridTokenCount() const {
    if (grid.empty())
        return 0;
    int64_t n = 1;
    for (int64_t d : grid)
        n *= d;
    return n;
}

std::string TokenLayout::describe() const {
    std::string g;
    for (size_t i = 0; i < grid.size(); ++i) {
        if (i)
            g += "x";
        g += std::to_string(grid[i]);
    }
    return "prefix " + std::to_string(prefix) + " + grid " + g + " = " + std::to_string(tokenCount());
}

}  // namespace filterscope

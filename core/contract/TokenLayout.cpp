#include "contract/TokenLayout.h"

#include <algorithm>

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

int64_t carryGridToken(int64_t token, const std::vector<int64_t>& from, const std::vector<int64_t>& to) {
    if (token < 0 || from == to)
        return token;
    if (from.size() != 2 || to.size() != 2 || from[1] <= 0 || to[0] <= 0)
        return -1;
    const double y = (static_cast<double>(token / from[1]) + 0.5) / static_cast<double>(from[0]);
    const double x = (static_cast<double>(token % from[1]) + 0.5) / static_cast<double>(from[1]);
    const auto cell = [](double f, int64_t n) {
        return std::min<int64_t>(n - 1, static_cast<int64_t>(f * n));
    };
    return cell(y, to[0]) * to[1] + cell(x, to[1]);
}

}  // namespace filterscope

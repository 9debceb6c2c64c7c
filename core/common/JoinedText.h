#pragma once

#include <string>
#include <vector>

namespace filterscope {

// "a, b, c": how messages list stages, variants and names.
inline std::string joined(const std::vector<std::string>& items, const std::string& separator = ", ") {
    std::string s;
    for (const std::string& i : items)
        s += (s.empty() ? "" : separator) + i;
    return s;
}

}  // namespace filterscope

#pragma once

#include <string>
#include <vector>

namespace filterscope {

// `filterscope-cli run ...`: batch analysis of images through one plugin. Returns the exit code:
// 0 all inputs written, 1 some input failed (or the run was cancelled), 2 bad usage or unusable plugin.
int runRunCommand(const std::vector<std::string>& args);
extern const char* const kRunUsage;

}  // namespace filterscope

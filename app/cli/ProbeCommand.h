#pragma once

#include <string>
#include <vector>

namespace filterscope {

extern const char* const kProbeUsage;
extern const char* const kProbeMergeUsage;
int runProbeCommand(const std::vector<std::string>& args);
int runProbeMergeCommand(const std::vector<std::string>& args);

}  // namespace filterscope

#pragma once

#include <string>
#include <vector>

namespace filterscope {

extern const char* const kInterveneUsage;
int runInterveneCommand(const std::vector<std::string>& args);

}  // namespace filterscope

#pragma once

#include <string>
#include <vector>

namespace filterscope {

// `filterscope-cli plugin check DIR`: loads a plugin, runs one zero input through it, and prints every
// capture with its shape and the stage it belongs to, the forward time, and every problem found (not
// only the first). Exit 0 when the plugin is usable, 1 when it has problems, 2 on bad usage.
int runPluginCheckCommand(const std::vector<std::string>& args);

}  // namespace filterscope

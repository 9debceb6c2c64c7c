#pragma once

#include "contract/PluginManifest.h"

#include <string>
#include <vector>

namespace filterscope {

// What --variant asks of the plugins of one command (`run` has one, `probe` several), one list per
// plugin, in order: a plugin that declares variants (an "llm" section) runs each variant named ("all":
// every one it declares; none named: its default); a plugin that declares none runs once, as it is, so a
// baseline and an LLM plugin can be probed side by side. Naming variants when no plugin declares any is
// an Error ("declares no variants"). An empty string stands for "as it is / the default".
std::vector<std::vector<std::string>> variantsToRun(const std::vector<PluginManifest>& manifests,
                                                    const std::vector<std::string>& asked);

}  // namespace filterscope

#include "plugin/VariantSelection.h"

#include "common/Error.h"
#include "common/JoinedText.h"

#include <algorithm>

namespace filterscope {

std::vector<std::vector<std::string>> variantsToRun(const std::vector<PluginManifest>& manifests,
                                                    const std::vector<std::string>& asked) {
    const bool any = std::any_of(manifests.begin(), manifests.end(),
                                 [](const PluginManifest& m) { return m.llm.present; });
    if (!asked.empty() && !any) {
        const PluginManifest& first = manifests.front();
        throw Error("plugin '" + first.id + "' (" + first.directory +
                    ") declares no variants (no \"llm\" section), --variant " + joined(asked, ",") +
                    " asked for");
    }
    std::vector<std::vector<std::string>> out;
    for (const PluginManifest& m : manifests) {
        if (!m.llm.present || asked.empty()) {
            out.push_back({""});
            continue;
        }
        if (asked == std::vector<std::string>{"all"}) {
            std::vector<std::string> all;
            for (LlmComposition::Variant v : m.llm.variants)
                all.push_back(variantName(v));
            out.push_back(all);
        } else {
            out.push_back(asked);
        }
    }
    return out;
}

}  // namespace filterscope

#pragma once

#include "contract/TokenLayout.h"

#include <QJsonValue>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace filterscope {

class ManifestReader;

// Swin-style windowed attention: tokens attend only inside size×size windows of the stage's grid, after the
// grid was rolled by −shift in both directions (torchvision/Swin's shifted windows). Windows are numbered
// row-major over the rolled grid, and a token's place inside its window row-major too.
struct AttentionWindow {
    int size = 0;  // 0: the stage has full attention
    int shift = 0;
    bool present() const { return size > 0; }
};

// One entry of the manifest's "stages": its order, label and, for hierarchical models (Swin, PVT, MViT),
// the stage's own token grid and attention windows.
struct StageLabel {
    std::string name;   // capture key without its kind prefix, e.g. "llm.block"
    std::string label;  // what figures and views show, e.g. "Frozen LLaMA layer"
    std::map<std::string, std::string> labelVariants;  // per language, when "label" gives several
    std::vector<int64_t> grid;  // [h,w] of this stage's tokens; empty: the plugin's tokens.grid
    AttentionWindow window;     // wattn.<stage> windows, when the stage declares them
};

// Parses "stages": names or {name, label, grid, window}; `tokens` is the plugin's layout (a stage grid is
// allowed for image grid layouts only).
std::vector<StageLabel> parseStages(ManifestReader& r, const QJsonValue& v, const TokenLayout& tokens);

}  // namespace filterscope

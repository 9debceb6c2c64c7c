#include "session/ShownMaps.h"

#include "analysis/AttentionAnalysis.h"
#include "analysis/MapStatistics.h"
#include "plugin/MapAvailability.h"

#include <algorithm>

namespace filterscope {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

std::string ShownMaps::stageFor(int slot) const {
    const auto plugin = document_.plugin(slot);
    if (!plugin)
        return {};
    const ViewSelection& sel = selection_.state();
    if (const auto r = document_.result(slot)) {  // B's rollout or relevance is at its own home stage
        const std::string home = filterscope::homeStageOf(*r, sel.analysis);
        if (!home.empty())
            return home;
    }
    if (contains(plugin->crossAttentionStages(), sel.stage))
        return sel.stage;
    const auto& stages = plugin->gridStages();
    if (slot == 0)
        return sel.stage;
    if (contains(stages, sel.comparisonStage))
        return sel.comparisonStage;      // chosen for B on its own
    const auto a = document_.plugin(0);  // B stands in with its stage as deep as A's
    return stageWithMapNear(*plugin, sel.analysis, sel.stage, a ? stageDepth(*a, sel.stage) : -1);
}

MapRequest ShownMaps::mapRequest(int slot, const std::string& stage) const {
    const ViewSelection& sel = selection_.state();
    MapRequest q;
    q.stage = stage;
    q.analysis = sel.analysis;
    q.head = sel.head;
    q.attentionToken = attentionQuery(slot, stage);
    q.attendedBy = sel.attendedBy;
    q.query = sel.query;
    q.frame = sel.frame;
    return q;
}

std::shared_ptr<const FloatArray> ShownMaps::mapFor(int slot, const std::string& stage) const {
    const auto plugin = document_.plugin(slot);
    return plugin ? resolveMap(document_.result(slot), plugin->manifest(), mapRequest(slot, stage)) : nullptr;
}

std::shared_ptr<const FloatArray> ShownMaps::clipMapFor(int slot, const std::string& stage) const {
    const auto plugin = document_.plugin(slot);
    return plugin ? resolveClipMap(document_.result(slot), plugin->manifest(), mapRequest(slot, stage))
                  : nullptr;
}

std::pair<double, double> ShownMaps::colourRange(int slot, const std::string& stage) const {
    const auto plugin = document_.plugin(slot);
    if (!plugin)
        return {0.0, 1.0};
    return resolveColourRange(document_.result(slot), plugin->manifest(), mapRequest(slot, stage),
                              selection_.state().sharedScale);
}

bool ShownMaps::jointCompareScale() const {
    switch (selection_.state().compareScale) {
        case CompareScale::Joint:
            return true;
        case CompareScale::Own:
            return false;
        case CompareScale::Automatic:
            break;
    }
    return stageFor(1) == stageFor(0);
}

std::pair<double, double> ShownMaps::compareColourRange(int slot) const {
    auto range = colourRange(slot, stageFor(slot));
    if (!jointCompareScale() || !document_.result(1 - slot))
        return range;
    const auto other = colourRange(1 - slot, stageFor(1 - slot));
    return {std::min(range.first, other.first), std::max(range.second, other.second)};
}

int ShownMaps::selectedTokenOn(int slot, const std::string& stage) const {
    const auto plugin = document_.plugin(slot);
    const ViewSelection& sel = selection_.state();
    if (!plugin || sel.token < 0)
        return -1;
    return static_cast<int>(
        carryGridToken(sel.token, sel.tokenGrid, plugin->manifest().layoutOf(stage).grid));
}

int ShownMaps::attentionQuery(int slot, const std::string& stage) const {
    const auto plugin = document_.plugin(slot);
    if (!plugin)
        return 0;
    const TokenLayout layout = plugin->manifest().layoutOf(stage);
    const int token = selectedTokenOn(slot, stage);
    return token < 0 ? defaultAttentionQuery(layout) : layout.prefix + token;
}

bool ShownMaps::hasAttention(int slot) const {
    const auto plugin = document_.plugin(slot);
    if (!plugin)
        return false;
    for (const std::string& k : plugin->captureKeys())
        if (k.rfind("attn.", 0) == 0 || k.rfind("wattn.", 0) == 0)
            return true;
    return false;
}

bool ShownMaps::hasCrossAttention(int slot) const {
    const auto plugin = document_.plugin(slot);
    return plugin && !plugin->crossAttentionStages().empty();
}

int ShownMaps::frameCount(int slot) const {
    const auto r = document_.result(slot);
    return r ? static_cast<int>(r->frames.size()) : 0;
}

const RgbImage* ShownMaps::frameImage(int slot) const {
    const auto r = document_.result(slot);
    if (!r)
        return nullptr;
    if (r->frames.size() > 1)
        return &r->frames[std::clamp<size_t>(selection_.state().frame, 0, r->frames.size() - 1)];
    return &r->modelInput;
}

ShownMaps::ComparedMaps ShownMaps::comparedMaps() const {
    ComparedMaps out{currentMap(0), currentMap(1)};
    out.waiting = (!out.a && !document_.result(0)) || (!out.b && !document_.result(1));
    if (!out.a || !out.b || out.a->shape == out.b->shape)
        return out;
    if (out.a->dim() != 2 || out.b->dim() != 2) {
        out.incompatible = true;
        return out;
    }
    const int64_t h = std::max(out.a->shape[0], out.b->shape[0]),
                  w = std::max(out.a->shape[1], out.b->shape[1]);
    out.a = std::make_shared<const FloatArray>(resampleNearest(*out.a, h, w));
    out.b = std::make_shared<const FloatArray>(resampleNearest(*out.b, h, w));
    out.resampled = true;
    return out;
}

std::string ShownMaps::fittingStage(MapKind kind, const std::string& stage) const {
    const auto plugin = document_.plugin(0);
    if (!plugin)
        return {};
    return stageWithMapNear(*plugin, kind, stage, stageDepth(*plugin, stage));
}

std::vector<int64_t> ShownMaps::shownTokenGrid() const {
    const auto plugin = document_.plugin(0);
    return plugin ? plugin->manifest().layoutOf(stageFor(0)).grid : std::vector<int64_t>{};
}

std::vector<std::string> ShownMaps::stageOrder() const {
    const auto plugin = document_.plugin(0);
    return plugin ? plugin->gridStages() : std::vector<std::string>{};
}

}  // namespace filterscope

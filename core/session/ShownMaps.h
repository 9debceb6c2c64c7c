#pragma once

#include "session/MapResolution.h"
#include "session/SelectionModel.h"
#include "session/WorkbenchDocument.h"

#include <memory>
#include <string>
#include <utility>

namespace filterscope {

// What the views show: the document's results seen through the selection. Every map view, the strip,
// the timeline, compare mode and figure export ask here, so they cannot drift apart (the resolution
// itself is session/MapResolution). Read-only; also the rules that keep the selection coherent.
class ShownMaps final : public SelectionRules {
public:
    ShownMaps(const WorkbenchDocument& document, const SelectionModel& selection)
        : document_(document), selection_(selection) {}

    // The stage a slot shows: A's is the selected one. B's: the stage chosen for it, else A's stage when B
    // has this map there, else B's stage with the map nearest in depth (a baseline has no llm.block: its
    // block just as deep stands in); "" when B has no such map at all.
    std::string stageFor(int slot) const;
    // The selection as a request for one slot's map (its stage, attention token and frame).
    MapRequest mapRequest(int slot, const std::string& stage) const;
    // The selected map of `slot` (null if not computed), any stage's, and the same before a video map is
    // sliced to the current frame ([t,h,w]). Attention maps are derived from the cached capture each call.
    std::shared_ptr<const FloatArray> currentMap(int slot) const { return mapFor(slot, stageFor(slot)); }
    std::shared_ptr<const FloatArray> mapFor(int slot, const std::string& stage) const;
    std::shared_ptr<const FloatArray> clipMapFor(int slot, const std::string& stage) const;
    std::pair<double, double> colourRange(int slot, const std::string& stage) const;  // per map or shared
    // Absolute token index (prefix first) attention maps of `stage` are seen from: the selected token
    // carried onto the stage's grid, else the default (CLS, or kMeanOverQueries without one).
    int attentionQuery(int slot, const std::string& stage) const;
    int attentionQuery(int slot) const { return attentionQuery(slot, stageFor(slot)); }
    int selectedTokenOn(int slot, const std::string& stage) const;  // the picked token on its grid, or −1
    bool hasAttention(int slot) const;           // the plugin returns attn.* or wattn.* captures
    bool hasCrossAttention(int slot) const;      // the plugin returns xattn.* captures
    int frameCount(int slot) const;              // video: sampled frames of the current result (1: image)
    const RgbImage* frameImage(int slot) const;  // the image under the maps: the current frame for video

    // A's and B's current maps on one grid, for A − B and its summary: as they are when their shapes agree,
    // else both on the finer 2-D grid (nearest cell, as the views stretch maps over the image). `a`/`b` null:
    // a result is missing; `incompatible`: shapes no grid brings together (a clip's [t,h,w] against a map).
    // `waiting`: a missing map's result is still to come; otherwise the plugin has no such map to give.
    struct ComparedMaps {
        std::shared_ptr<const FloatArray> a, b;
        bool resampled = false, incompatible = false, waiting = false;
    };
    ComparedMaps comparedMaps() const;

    // Compare mode: whether A and B share one colour range now (CompareScale::Automatic: when B shows A's
    // stage), and the range slot 0 or 1 is coloured over (joint: both maps' together).
    bool jointCompareScale() const;
    std::pair<double, double> compareColourRange(int slot) const;

    // SelectionRules
    std::string fittingStage(MapKind kind, const std::string& stage) const override;
    std::vector<int64_t> shownTokenGrid() const override;
    std::vector<std::string> stageOrder() const override;

private:
    const WorkbenchDocument& document_;
    const SelectionModel& selection_;
};

}  // namespace filterscope

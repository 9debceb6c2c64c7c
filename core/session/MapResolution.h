#pragma once

#include "contract/PluginManifest.h"
#include "session/InputResult.h"

#include <memory>
#include <string>
#include <utility>

namespace filterscope {

// Which map a view (or a figure) shows: the selection, resolved against one result. One place decides it
// for the central view, the stage strip, the filmstrip, the timeline, compare mode and figure export, so
// they cannot drift apart.
struct MapRequest {
    std::string stage;
    MapKind analysis = MapKind::Norm;
    int head = -1;            // attention: a head, or −1 for the mean over heads
    int attentionToken = 0;   // attention: absolute token index the map is seen from (prefix first)
    bool attendedBy = false;  // attention: the column (who attends to the token) instead of the row
    int query = 0;            // Query and Relevance: the learned query
    int frame = 0;            // video: the sampled frame
};

// The stage a kind of map lives at when it does not belong to every stage: rollout at the last attention
// stage it spans, relevance at the last cross-attention stage. Empty for per-stage kinds or when absent.
std::string homeStageOf(const InputResult& result, MapKind kind);

// The map before video slicing: [h,w], [t,h,w] (video) or [G] (point groups); null when the result has
// no such map (a stage without attention, a query out of range, rollout asked at another stage).
// Attention maps are derived from the cached attn.* capture on each call.
std::shared_ptr<const FloatArray> resolveClipMap(const std::shared_ptr<const InputResult>& result,
                                                 const PluginManifest& manifest, const MapRequest& request);
// The same, sliced to the request's frame for video ([h,w]).
std::shared_ptr<const FloatArray> resolveMap(const std::shared_ptr<const InputResult>& result,
                                             const PluginManifest& manifest, const MapRequest& request);
// Colour range of the request's map: its own finite min..max (over the whole clip for video, so colours
// keep their meaning while scrubbing), or with `shared` the range over every stage that has the same
// kind of map (grid stages; cross-attention stages for query maps). {0, 1} when there is no map.
std::pair<double, double> resolveColourRange(const std::shared_ptr<const InputResult>& result,
                                             const PluginManifest& manifest, const MapRequest& request,
                                             bool shared);

}  // namespace filterscope

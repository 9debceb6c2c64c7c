#pragma once

#include "analysis/QueryStageMaps.h"
#include "analysis/StageMaps.h"
#include "contract/PluginManifest.h"
#include "exporting/FigureWriter.h"
#include "input/InputPreparation.h"

#include <string>
#include <vector>

namespace filterscope {

// Writes one input's stage maps under `directory`/<stage>/: raw float32 .npy files and, when a figure
// writer is given, PNG figures (map with colorbar, overlay on the model input). File names are listed in
// plugins/README.md ("Batch output").
// Which per-map figures a batch writes (the grids — heads, queries, filmstrips — come with either).
struct MapFigureKinds {
    bool map = true;      // <map>.png: the map alone with its colorbar
    bool overlay = true;  // <map>_overlay.png: over the model input
    // "map", "overlay" or "map,overlay"; throws Error naming a word it does not know.
    static MapFigureKinds parse(const std::string& text);
    std::string toString() const;
};

class StageMapsExporter {
public:
    StageMapsExporter(const PluginManifest& manifest, FigureWriter* figures, std::string colormap = "viridis")
        : manifest_(manifest), figures_(figures), colormap_(std::move(colormap)) {}

    // Point clouds: the model's [1,G,k] group_index and [1,G,3] centres, to scatter group maps to points.
    void setFigureKinds(MapFigureKinds kinds) { kinds_ = kinds; }

    void setPointGroups(const FloatArray* groupIndex, const FloatArray* centers) {
        groupIndex_ = groupIndex;
        centers_ = centers;
    }

    void write(const std::string& directory, const std::string& inputName, const std::vector<StageMaps>& maps,
               const PreparedInput& input, const RolloutMap* rollout = nullptr) const;

    // A cross-attention stage: query_maps.npy [M,h,w], query_similarity.npy [M,M], coverage.npy [h,w],
    // query_grid.png (duplicates outlined alike) and coverage PNGs, under `directory`/<stage>/.
    void writeQueryStage(const std::string& directory, const std::string& inputName, const QueryStageMaps& q,
                         const PreparedInput& input) const;

private:
    void writeAttention(const std::string& stageDir, const std::string& title, const StageAttention& a,
                        const PreparedInput& input) const;
    void writeFilmstrip(const std::string& path, const FloatArray& map, const std::string& title,
                        const std::string& valueLabel, const PreparedInput& input) const;
    void writePointMap(const std::string& stageDir, const std::string& base, const FloatArray& map,
                       const std::string& title, const std::string& valueLabel,
                       const PreparedInput& input) const;
    void writeVideoExtras(const std::string& stageDir, const StageMaps& m) const;
    void writeMap(const std::string& stageDir, const std::string& base, const FloatArray& map,
                  const std::string& title, const std::string& valueLabel, const PreparedInput& input) const;

    const PluginManifest& manifest_;
    FigureWriter* figures_;
    std::string colormap_;
    MapFigureKinds kinds_;
    const FloatArray* groupIndex_ = nullptr;
    const FloatArray* centers_ = nullptr;
};

}  // namespace filterscope

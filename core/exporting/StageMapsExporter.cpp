#include "exporting/StageMapsExporter.h"

#include "analysis/MapStatistics.h"
#include "analysis/SpatialSpectrumAnalysis.h"
#include "analysis/VideoAnalysis.h"
#include "array/NpyFile.h"
#include "common/Error.h"
#include "exporting/CsvTable.h"
#include "exporting/MapFigureText.h"
#include "exporting/OverlayVideoWriter.h"
#include "exporting/PlyWriter.h"
#include "pointcloud/PointSampling.h"

#include <QDir>

#include <algorithm>

#include <cmath>
#include <limits>

namespace filterscope {

MapFigureKinds MapFigureKinds::parse(const std::string& text) {
    MapFigureKinds k{false, false};
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = std::min(text.find(',', start), text.size());
        const std::string word = text.substr(start, comma - start);
        if (word == "map")
            k.map = true;
        else if (word == "overlay")
            k.overlay = true;
        else
            throw Error("unknown figure kind \"" + word + "\" (known: map, overlay)");
        start = comma + 1;
    }
    return k;
}

std::string MapFigureKinds::toString() const {
    return map && overlay ? "map,overlay" : map ? "map" : overlay ? "overlay" : "";
}

void StageMapsExporter::writeMap(const std::string& stageDir, const std::string& base, const FloatArray& map,
                                 const std::string& title, const std::string& valueLabel,
                                 const PreparedInput& input) const {
    writeNpy(stageDir + "/" + base + ".npy", map);
    if (map.dim() == 1) {  // point cloud: one value per group (or point)
        writePointMap(stageDir, base, map, title, valueLabel, input);
        return;
    }
    if (!figures_)
        return;
    if (map.dim() == 3) {  // video: a filmstrip of the sampled frames and an overlay video
        writeFilmstrip(stageDir + "/" + base + "_filmstrip.png", map, title, valueLabel, input);
        const auto [lo, hi] = finiteRange(map);
        writeOverlayVideo(stageDir + "/" + base + "_overlay.avi", input.frames, map, manifest_.video.tubelet,
                          colormap_, lo, hi);
        return;
    }
    MapFigureSpec spec;
    spec.title = title;
    spec.valueLabel = valueLabel;
    spec.scaling = kMinMaxScaling;
    spec.map = &map;
    spec.colormap = colormap_;
    if (kinds_.map)
        figures_->writeMap(stageDir + "/" + base + ".png", spec);
    if (input.frames.empty() || !kinds_.overlay)
        return;
    spec.background = &input.frames.front();
    figures_->writeMap(stageDir + "/" + base + "_overlay.png", spec);
}

void StageMapsExporter::writePointMap(const std::string& stageDir, const std::string& base,
                                      const FloatArray& map, const std::string& title,
                                      const std::string& valueLabel, const PreparedInput& input) const {
    const int64_t points = input.cloud.size();
    const FloatArray perPoint = groupIndex_
                                    ? scatterToPoints(map, *groupIndex_, points)
                                    : FloatArray({points}, map.data);  // "points" layout: token i = point i
    writeNpy(stageDir + "/points_" + base + ".npy", perPoint);
    if (!figures_)
        return;
    writeColouredPly(stageDir + "/" + base + "_points.ply", input.cloud, perPoint, colormap_);
    CloudFigureSpec fig;
    fig.title = title;
    fig.valueLabel = valueLabel + " per point (mean of its groups)";
    fig.xyz = input.cloud.xyz;
    fig.values = perPoint.data;
    if (centers_)
        fig.centers = centers_->data;
    fig.colormap = colormap_;
    figures_->writeCloud(stageDir + "/" + base + "_render.png", fig);
}

void StageMapsExporter::writeFilmstrip(const std::string& path, const FloatArray& map,
                                       const std::string& title, const std::string& valueLabel,
                                       const PreparedInput& input) const {
    MapGridFigureSpec grid;
    grid.title = title + " (every sampled frame; one scale)";
    grid.valueLabel = valueLabel;
    for (size_t f = 0; f < input.frames.size(); ++f) {
        const int t =
            std::min<int>(tokenTimeOfFrame(static_cast<int>(f), manifest_.video), int(map.shape[0]) - 1);
        grid.maps.push_back(frameSlice(map, static_cast<int>(f), manifest_.video));
        grid.labels.push_back("frame " + std::to_string(input.frameIndices.at(f)) +
                              ", t=" + std::to_string(t));
    }
    grid.backgrounds = input.frames;
    grid.colormap = colormap_;
    grid.columns = std::min<int>(8, static_cast<int>(input.frames.size()));
    figures_->writeGrid(path, grid);
}

void StageMapsExporter::writeAttention(const std::string& stageDir, const std::string& title,
                                       const StageAttention& a, const PreparedInput& input) const {
    for (size_t h = 0; h < a.headMaps.size(); ++h)
        writeNpy(stageDir + "/attn_head" + std::to_string(h) + ".npy", a.headMaps[h]);
    writeNpy(stageDir + "/attn_mean.npy", a.meanMap);
    writeNpy(stageDir + "/attn_mean_mask.npy", a.meanMask);
    if (!figures_)
        return;
    MapGridFigureSpec grid;
    grid.title = title +
                 (a.query == kMeanOverQueries ? std::string("mean attention over all query tokens")
                                              : "attention of token " + std::to_string(a.query) + " (CLS)") +
                 ", every head";
    grid.valueLabel = "attention probability (raw)";
    grid.maps = a.headMaps;
    for (size_t h = 0; h < a.headMaps.size(); ++h)
        grid.labels.push_back("head " + std::to_string(h) + ": entropy " +
                              CsvTable::number(a.heads[h].entropy).substr(0, 5));
    grid.maps.push_back(a.meanMap);
    grid.labels.push_back("mean over heads");
    if (!input.frames.empty())
        grid.background = input.frames.front();
    grid.colormap = colormap_;
    if (a.meanMap.dim() == 2)  // video attention maps are [t,h,w]: numbers only
        figures_->writeGrid(stageDir + "/attn_heads.png", grid);
}

void StageMapsExporter::writeQueryStage(const std::string& directory, const std::string& inputName,
                                        const QueryStageMaps& q, const PreparedInput& input) const {
    const std::string stageDir = directory + "/" + q.stage;
    if (!QDir().mkpath(QString::fromStdString(stageDir)))
        throw Error(stageDir + ": cannot create folder");
    writeNpy(stageDir + "/query_maps.npy", q.maps);
    writeNpy(stageDir + "/query_similarity.npy", q.similarity);
    writeNpy(stageDir + "/query_similarity_raw.npy", q.similarityRaw);
    writeNpy(stageDir + "/coverage.npy", q.coverage);
    const std::string title = inputName + " | " + manifest_.labelForStage(q.stage) + " | ";
    writeMap(stageDir, "coverage", q.coverage, title + "coverage (max over queries)", "max_q attention (raw)",
             input);
    if (!figures_)
        return;
    MapGridFigureSpec grid;
    grid.title = title + std::to_string(q.queries.queries) + " queries, " +
                 CsvTable::number(q.queries.effectiveQueries).substr(0, 5) + " effective, " +
                 std::to_string(q.groups.size()) + " duplicate groups";
    grid.valueLabel =
        "cross-attention, mean over heads (raw); outlines: near-duplicates (correlation >= 0.9)";
    const int64_t m = q.maps.shape[0];
    const std::vector<int64_t> mapShape(q.maps.shape.begin() + 1, q.maps.shape.end());
    const size_t cells = static_cast<size_t>(elementCountOf(mapShape));
    for (int64_t i = 0; i < m; ++i) {
        grid.maps.emplace_back(mapShape, std::vector<float>(q.maps.data.begin() + i * cells,
                                                            q.maps.data.begin() + (i + 1) * cells));
        grid.labels.push_back("q" + std::to_string(i));
        grid.outlineGroup.push_back(q.groupOf(static_cast<int>(i)));
    }
    if (!input.frames.empty())
        grid.background = input.frames.front();
    grid.colormap = colormap_;
    grid.columns = 8;
    figures_->writeGrid(stageDir + "/query_grid.png", grid);
}

void StageMapsExporter::writeVideoExtras(const std::string& stageDir, const StageMaps& m) const {
    const int64_t t = static_cast<int64_t>(m.sliceSpectra.size());
    const int64_t h = m.sliceSpectra.front().centredPower.shape[0],
                  w = m.sliceSpectra.front().centredPower.shape[1];
    FloatArray power({t, h, w}), hf({t});
    for (int64_t k = 0; k < t; ++k) {
        std::copy(m.sliceSpectra[k].centredPower.data.begin(), m.sliceSpectra[k].centredPower.data.end(),
                  power.data.begin() + k * h * w);
        hf.data[k] = static_cast<float>(m.sliceSpectra[k].highFrequencyRatio);
    }
    writeNpy(stageDir + "/spectrum.npy", power);
    writeNpy(stageDir + "/spectrum_hf_ratio.npy", hf);
    if (m.norms)
        writeNpy(stageDir + "/norm_time_curve.npy", timeCurve(m.norms->grid));
    if (m.activation)
        for (double q : {0.5, 0.9}) {
            const std::string name =
                "/activation_mask_q" + std::to_string(static_cast<int>(q * 100)) + ".npy";
            writeNpy(stageDir + name, quantileMask(*m.activation, q));
        }
}

void StageMapsExporter::write(const std::string& directory, const std::string& inputName,
                              const std::vector<StageMaps>& maps, const PreparedInput& input,
                              const RolloutMap* rollout) const {
    for (const StageMaps& m : maps) {
        const std::string stageDir = directory + "/" + m.stage;
        if (!QDir().mkpath(QString::fromStdString(stageDir)))
            throw Error(stageDir + ": cannot create folder");
        const std::string label = manifest_.labelForStage(m.stage);
        const std::string title = inputName + " | " + label + " | ";
        auto text = [&](MapKind kind) { return mapFigureText(kind, manifest_.tokens.prefix > 0); };
        if (m.norms) {
            writeMap(stageDir, "norm", m.norms->grid,
                     mapFigureTitle(inputName, label, text(MapKind::Norm).what),
                     text(MapKind::Norm).valueLabel, input);
            if (!m.norms->prefix.empty())
                writeNpy(stageDir + "/prefix_norm.npy",
                         FloatArray({static_cast<int64_t>(m.norms->prefix.size())}, m.norms->prefix));
        }
        if (m.activation)
            writeMap(stageDir, "activation", *m.activation,
                     mapFigureTitle(inputName, label, text(MapKind::Activation).what),
                     text(MapKind::Activation).valueLabel, input);
        if (m.frequency)
            writeMap(stageDir, "freq", *m.frequency,
                     mapFigureTitle(inputName, label, text(MapKind::Frequency).what),
                     text(MapKind::Frequency).valueLabel, input);
        if (m.attention)
            writeAttention(stageDir, title, *m.attention, input);
        if (!m.sliceSpectra.empty())
            writeVideoExtras(stageDir, m);
        if (m.spectrum) {
            const SpatialSpectrum& s = *m.spectrum;
            writeNpy(stageDir + "/spectrum.npy", s.centredPower);
            FloatArray radial({static_cast<int64_t>(s.radius.size()), 2});
            for (size_t i = 0; i < s.radius.size(); ++i) {
                radial.data[i * 2] = s.radius[i];
                radial.data[i * 2 + 1] = s.ringPower[i];
            }
            writeNpy(stageDir + "/spectrum_radial.npy", radial);
            if (figures_) {
                const FloatArray logPower = log10Power(s.centredPower);
                MapFigureSpec spec;
                spec.title = title + "spatial spectrum (HF ratio " +
                             std::to_string(s.highFrequencyRatio).substr(0, 6) + ")";
                spec.valueLabel = kSpectrumValueLabel;
                spec.scaling = kMinMaxScaling;
                spec.map = &logPower;
                spec.colormap = colormap_;
                figures_->writeMap(stageDir + "/spectrum.png", spec);
            }
        }
    }
    if (rollout && !rollout->stages.empty()) {
        // Filed under the last attention stage: the rollout is its attribution back to the input.
        const std::string stageDir = directory + "/" + rollout->stages.back();
        if (!QDir().mkpath(QString::fromStdString(stageDir)))
            throw Error(stageDir + ": cannot create folder");
        const std::string span = rollout->stages.front() + " to " + rollout->stages.back();
        const MapFigureText text = mapFigureText(MapKind::Rollout, manifest_.tokens.prefix > 0);
        writeMap(stageDir, "rollout", rollout->map, inputName + " | " + text.what + ", " + span,
                 text.valueLabel, input);
        writeNpy(stageDir + "/rollout_mask.npy", rollout->mask);
    }
    if (figures_)
        figures_->finish();
}

}  // namespace filterscope

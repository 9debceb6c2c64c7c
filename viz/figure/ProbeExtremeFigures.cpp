#include "figure/ProbeExtremeFigures.h"

#include "figure/FigureFileWriter.h"
#include "metrics/TokenMask.h"
#include "pipeline/InputPipeline.h"
#include "probe/ProbeItems.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace filterscope {
namespace {

// The mask's boundary (foreground pixels with a background 4-neighbour, 2 px wide) painted white.
void burnOutline(RgbImage& image, const std::vector<uint8_t>& mask) {
    const int W = image.width, H = image.height;
    auto on = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < W && y < H && mask[static_cast<size_t>(y) * W + x];
    };
    std::vector<uint8_t> edge(mask.size(), 0);
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x)
            if (on(x, y) && (!on(x - 1, y) || !on(x + 1, y) || !on(x, y - 1) || !on(x, y + 1)))
                for (int dy = -1; dy <= 0; ++dy)
                    for (int dx = -1; dx <= 0; ++dx)
                        if (x + dx >= 0 && y + dy >= 0)
                            edge[static_cast<size_t>(y + dy) * W + x + dx] = 1;
    for (size_t i = 0; i < edge.size(); ++i)
        if (edge[i])
            std::fill_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(i * 3), 3, uint8_t(255));
}

}  // namespace

std::vector<ReportFigure> writeExtremeFigures(const std::vector<BatchModel>& models,
                                              const DatasetProbeOptions& options) {
    std::vector<ReportFigure> figures;
    if (options.maskDirectory.empty() || options.scores.maps.empty())
        return figures;
    const std::vector<ProbeRow> rows = readAllItems(options.outputDirectory);
    QDir().mkpath(QString::fromStdString(options.outputDirectory + "/figures"));
    const std::string map = options.scores.maps.front();
    for (const BatchModel& model : models) {
        const auto& grid = model.plugin->gridStages();
        const std::string stage =
            std::find(grid.begin(), grid.end(), "llm.block") != grid.end() ? "llm.block" : grid.back();
        const ProbeRow* best = nullptr;
        const ProbeRow* worst = nullptr;
        for (const ProbeRow& r : rows)
            if (r.model == model.name && r.stage == stage && r.map == map && r.metric == "miou_best" &&
                !std::isnan(r.value)) {
                if (!best || r.value > best->value)
                    best = &r;
                if (!worst || r.value < worst->value)
                    worst = &r;
            }
        if (!best)
            continue;
        MapGridFigureSpec spec;
        spec.title = model.name + " | stage " + stage + " | " + map + " map";
        spec.valueLabel = map + " (raw); white: ground-truth mask";
        spec.columns = 2;
        std::string names;
        PipelineRequest request;
        request.analyses = AnalysisSelection::parse(map);  // the probe's map names are analysis names
        request.stages = {stage};
        request.forwardTimeoutSeconds = options.forwardTimeoutSeconds;
        for (const ProbeRow* r : {best, worst}) {
            InputAnalysis a =
                analyseInput(*model.plugin, r->input, resolveStages(*model.plugin, request), request);
            const FloatArray* m = nullptr;
            if (map == "rollout" && a.rollout)
                m = &a.rollout->map;
            else if (!a.maps.empty())
                m = scoredMap(a.maps.front(), map);
            if (!m || a.prepared.frames.empty())
                break;
            RgbImage image = a.prepared.frames.front();
            const PluginManifest& manifest = model.plugin->manifest();
            burnOutline(image,
                        maskAtModelInput(findMask(options.maskDirectory, r->input), a.prepared.sourceWidth,
                                         a.prepared.sourceHeight, manifest.input, options.maskThreshold));
            spec.maps.push_back(*m);
            spec.backgrounds.push_back(image);
            char value[32];
            std::snprintf(value, sizeof value, "%.3f", r->value);
            spec.labels.push_back(std::string(r == best ? "best" : "worst") + ", miou_best " + value);
            names += (names.empty() ? "" : "; ") + std::string(r == best ? "best " : "worst ") +
                     QFileInfo(QString::fromStdString(r->input)).fileName().toStdString() + " (" + value +
                     ")";
        }
        if (spec.maps.size() != 2)
            continue;
        const std::string path = options.outputDirectory + "/figures/extremes_" + model.name + ".png";
        FigureFileWriter writer(2.0);
        writer.writeGrid(path, spec);
        writer.finish();
        QFile f(QString::fromStdString(path));
        if (f.open(QIODevice::ReadOnly))
            figures.push_back(
                {spec.title + " by miou_best: " + names, f.readAll(), "extremes_" + model.name});
    }
    return figures;
}

}  // namespace filterscope

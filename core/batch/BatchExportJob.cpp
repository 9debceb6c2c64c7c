#include "batch/BatchExportJob.h"

#include "analysis/GradientRelevance.h"
#include "analysis/QueryStageMaps.h"
#include "analysis/StageMaps.h"
#include "array/NpyFile.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "exporting/CsvTable.h"
#include "exporting/MetricsTable.h"
#include "exporting/StageMapsExporter.h"
#include "pointcloud/PointSampling.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <chrono>

namespace filterscope {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string joined(const std::vector<std::string>& items) {
    std::string s;
    for (const std::string& i : items)
        s += (s.empty() ? "" : ", ") + i;
    return s;
}

// Every failure names its input: messages from deeper layers (or the standard library) may not.
std::string namingInput(const std::string& path, const std::string& message) {
    return message.find(path) != std::string::npos ? message : path + ": " + message;
}

}  // namespace

int BatchReport::failedCount() const {
    return static_cast<int>(
        std::count_if(items.begin(), items.end(), [](const BatchItemReport& r) { return !r.ok; }));
}

BatchExportJob::BatchExportJob(std::shared_ptr<const ModelPlugin> plugin, BatchExportOptions options,
                               FigureWriter* figures)
    : plugin_(std::move(plugin)),
      options_(std::move(options)),
      figures_(figures),
      stages_(resolveStages(*plugin_, options_.request)) {}

// Every CSV of the batch, rewritten after each finished input.
struct BatchExportJob::Tables {
    MetricsTable metrics;
    AttentionHeadsTable heads;
    QueryTable queries;
};

BatchReport BatchExportJob::run(ProgressSink& progress) {
    progress_ = &progress;
    const QString out = QString::fromStdString(options_.outputDirectory);
    if (!QDir().mkpath(out))
        throw Error(options_.outputDirectory + ": cannot create the output folder");
    BatchReport report;
    Tables tables;
    const int total = static_cast<int>(options_.inputs.size());
    for (int i = 0; i < total; ++i) {
        const BatchInput& input = options_.inputs[i];
        progress.report(i, total, input.path);
        if (progress.isCancelRequested()) {
            report.cancelled = true;
            break;
        }
        BatchItemReport item;
        item.input = input.path;
        item.outputName = input.outputName;
        try {
            runItem(input, item, tables);
            item.ok = true;
        } catch (const std::bad_alloc&) {
            item.error = input.path + ": not enough memory to process this input";
            progress.itemFailed(item.error);
        } catch (const std::exception& e) {
            item.error = namingInput(input.path, e.what());
            progress.itemFailed(item.error);
        }
        report.items.push_back(item);
    }
    progress.report(static_cast<int>(report.items.size()), total, "done");
    return report;
}

void BatchExportJob::runItem(const BatchInput& input, BatchItemReport& report, Tables& tables) {
    const InputAnalysis a = analyseInput(*plugin_, input.path, stages_, options_.request);
    report.timings.loadMs = a.timings.loadMs;
    report.timings.forwardMs = a.timings.forwardMs;
    report.timings.analysisMs = a.timings.analysisMs;
    for (const std::string& note : a.notes)
        progress_->note(note);

    const auto t = Clock::now();
    const QDir outDir(QString::fromStdString(options_.outputDirectory));
    const QString finalDir = outDir.filePath(QString::fromStdString(input.outputName));
    const QString partialDir = outDir.filePath(
        QStringLiteral(".") + QString::fromStdString(input.outputName) + QStringLiteral(".partial"));
    QDir(partialDir).removeRecursively();
    try {
        if (!QDir().mkpath(partialDir))
            throw Error(partialDir.toStdString() + ": cannot create folder");
        writeItem(input, a, partialDir.toStdString());
    } catch (...) {
        QDir(partialDir).removeRecursively();
        throw;
    }
    if (QFileInfo::exists(finalDir) && !QDir(finalDir).removeRecursively())
        throw Error(finalDir.toStdString() + ": cannot replace the results of an earlier run");
    if (!QDir().rename(partialDir, finalDir))
        throw Error(finalDir.toStdString() + ": cannot move finished results into place");
    const PluginManifest& manifest = plugin_->manifest();
    for (const StageMaps& m : a.maps) {
        tables.metrics.addStage(input.path, m, manifest.labelForStage(m.stage));
        tables.heads.addStage(input.path, m);
    }
    for (const QueryStageMaps& q : a.queries)
        tables.queries.addStage(input.path, q, a.relevanceMethod);
    if (!tables.metrics.rows().empty())
        tables.metrics.writeTo(outDir.filePath(QStringLiteral("metrics.csv")).toStdString());
    if (!tables.heads.rows().empty())
        tables.heads.writeTo(outDir.filePath(QStringLiteral("attention_heads.csv")).toStdString());
    if (!tables.queries.rows().empty())
        tables.queries.writeTo(outDir.filePath(QStringLiteral("qformer.csv")).toStdString());
    report.timings.exportMs = msSince(t);
}

void BatchExportJob::writeItem(const BatchInput& input, const InputAnalysis& a,
                               const std::string& dir) const {
    const PluginManifest& manifest = plugin_->manifest();
    const PreparedInput& prepared = a.prepared;
    StageMapsExporter exporter(manifest, figures_, options_.colormap);
    exporter.setPointGroups(a.captures.find("group_index"), a.captures.find("centers"));
    if (manifest.modality == Modality::PointCloud) {
        writeFileAtomically(
            dir + "/input.json",
            "{\"points_in_file\": " +
                std::to_string(prepared.sourcePoints + prepared.cloud.droppedNonFinite) +
                ", \"dropped_non_finite\": " + std::to_string(prepared.cloud.droppedNonFinite) +
                ", \"sampled_points\": " + std::to_string(prepared.cloud.size()) + "}\n");
        writeNpy(dir + "/input_points.npy", pointTensor(prepared.cloud));
    }
    for (const QueryStageMaps& q : a.queries)
        exporter.writeQueryStage(dir, input.outputName, q, prepared);
    if (a.queries.size() > 1) {  // the per-query maps averaged over every cross-attention layer
        std::vector<FloatArray> layers;
        for (const QueryStageMaps& q : a.queries)
            layers.push_back(q.maps);
        writeNpy(dir + "/" + a.queries.back().stage + "/query_maps_layer_mean.npy", meanOfLayers(layers));
    }
    if (a.relevance) {  // filed with the last cross-attention stage, whose queries it explains
        const std::string stageDir = dir + "/" + stages_.cross.back();
        if (!QDir().mkpath(QString::fromStdString(stageDir)))
            throw Error(stageDir + ": cannot create folder");
        writeNpy(stageDir + "/query_relevance.npy", a.relevance->maps);
        writeFileAtomically(stageDir + "/query_relevance.txt", "method: " + a.relevanceMethod + "\nlayers: " +
                                                                   joined(a.relevance->layers) + "\n");
    }
    if (const FloatArray* logits = a.captures.find("logits"))  // the model's output, to cite with the maps
        writeNpy(dir + "/logits.npy", *logits);
    if (!prepared.frameIndices.empty()) {  // video: which frames of the file the model saw
        std::string indices;
        for (int i : prepared.frameIndices)
            indices += (indices.empty() ? "" : ", ") + std::to_string(i);
        writeFileAtomically(dir + "/input.json",
                            "{\"frames_in_file\": " + std::to_string(prepared.sourceFrames) +
                                ", \"fps\": " + CsvTable::number(prepared.fps) + ", \"sampled_frames\": [" +
                                indices + "]}\n");
    }
    exporter.write(dir, input.outputName, a.maps, prepared, a.rollout ? &*a.rollout : nullptr);
}

}  // namespace filterscope

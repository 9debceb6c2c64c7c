#include "batch/ImageBatchJob.h"

#include "analysis/GradientRelevance.h"
#include "analysis/QueryStageMaps.h"
#include "analysis/StageMaps.h"
#include "array/NpyFile.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "exporting/CsvTable.h"
#include "exporting/MetricsTable.h"
#include "exporting/StageMapsExporter.h"
#include "input/InputPreparation.h"
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

}  // namespace

int BatchReport::failedCount() const {
    return static_cast<int>(
        std::count_if(items.begin(), items.end(), [](const BatchItemReport& r) { return !r.ok; }));
}

ImageBatchJob::ImageBatchJob(std::shared_ptr<const ModelPlugin> plugin, ImageBatchOptions options,
                             FigureWriter* figures)
    : plugin_(std::move(plugin)), options_(std::move(options)), figures_(figures) {
    const std::vector<std::string>& grid = plugin_->gridStages();
    const std::vector<std::string>& cross =
        options_.analyses.qformer ? plugin_->crossAttentionStages() : std::vector<std::string>{};
    auto has = [](const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    if (options_.stages.empty()) {
        stages_ = grid;
        queryStages_ = cross;
    }
    for (const std::string& s : options_.stages) {
        if (!has(grid, s) && !has(cross, s)) {
            std::vector<std::string> all = grid;
            all.insert(all.end(), cross.begin(), cross.end());
            throw Error("plugin '" + plugin_->id() + "' has no stage \"" + s +
                        "\" with token or attention captures (stages: " + joined(all) + ")");
        }
        if (has(grid, s))
            stages_.push_back(s);
        if (has(cross, s))
            queryStages_.push_back(s);
    }
}

// Every CSV of the batch, rewritten after each finished input.
struct ImageBatchJob::Tables {
    MetricsTable metrics;
    AttentionHeadsTable heads;
    QueryTable queries;
};

BatchReport ImageBatchJob::run(ProgressSink& progress) {
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
        } catch (const std::exception& e) {
            item.error = e.what();
            progress.itemFailed(item.error);
        }
        report.items.push_back(item);
    }
    progress.report(static_cast<int>(report.items.size()), total, "done");
    return report;
}

void ImageBatchJob::runItem(const BatchInput& input, BatchItemReport& report, Tables& tables) {
    const PluginManifest& manifest = plugin_->manifest();
    auto t = Clock::now();
    const PreparedInput prepared = prepareInput(input.path, manifest);
    report.timings.loadMs = msSince(t);

    t = Clock::now();
    // Q-Former relevance needs gradients: then the one forward pass runs with autograd.
    const bool relevance = !queryStages_.empty();
    CaptureSet captures;
    ScriptModule::GradientRun gradientRun;
    if (relevance) {
        gradientRun = plugin_->runWithGradients(prepared.tensor, input.path, options_.relevanceTarget);
        captures = std::move(gradientRun.captures);
    } else {
        captures = plugin_->run(prepared.tensor, input.path);
    }
    report.timings.forwardMs = msSince(t);

    t = Clock::now();
    const std::vector<StageMaps> maps =
        computeStageMaps(captures, manifest.tokens, stages_, options_.analyses);
    const std::optional<RolloutMap> rollout =
        options_.analyses.attention ? computeRolloutMap(captures, manifest.tokens) : std::nullopt;
    std::vector<QueryStageMaps> queries;
    for (const std::string& stage : queryStages_)
        queries.push_back(computeQueryStageMaps(captures.get("xattn." + stage), manifest.tokens, stage));
    std::optional<QueryRelevance> gae;
    std::string relevanceMethod;
    if (relevance) {
        const bool withGradients = gradientRun.noGradientReason.empty();
        gae = computeQueryRelevance(captures, withGradients ? &gradientRun.gradients : nullptr,
                                    manifest.tokens);
        relevanceMethod = withGradients ? "gradient-weighted (" + gradientRun.targetText + ")"
                                        : "raw attention (" + gradientRun.noGradientReason + ")";
        if (!gradientRun.targetNote.empty()) {
            relevanceMethod += "; " + gradientRun.targetNote;
            progress_->note(input.path + ": Q-Former relevance: " + gradientRun.targetNote);
        }
        if (!withGradients)
            progress_->note(input.path + ": Q-Former relevance falls back to raw attention: " +
                            gradientRun.noGradientReason);
    }
    report.timings.analysisMs = msSince(t);

    t = Clock::now();
    const QDir outDir(QString::fromStdString(options_.outputDirectory));
    const QString finalDir = outDir.filePath(QString::fromStdString(input.outputName));
    const QString partialDir = outDir.filePath(
        QStringLiteral(".") + QString::fromStdString(input.outputName) + QStringLiteral(".partial"));
    QDir(partialDir).removeRecursively();
    try {
        StageMapsExporter exporter(manifest, figures_, options_.colormap);
        exporter.setPointGroups(captures.find("group_index"), captures.find("centers"));
        if (manifest.modality == Modality::PointCloud) {
            if (!QDir().mkpath(partialDir))
                throw Error(partialDir.toStdString() + ": cannot create folder");
            writeFileAtomically(
                partialDir.toStdString() + "/input.json",
                "{\"points_in_file\": " +
                    std::to_string(prepared.sourcePoints + prepared.cloud.droppedNonFinite) +
                    ", \"dropped_non_finite\": " + std::to_string(prepared.cloud.droppedNonFinite) +
                    ", \"sampled_points\": " + std::to_string(prepared.cloud.size()) + "}\n");
            writeNpy(partialDir.toStdString() + "/input_points.npy", pointTensor(prepared.cloud));
            if (prepared.cloud.droppedNonFinite > 0)
                progress_->note(input.path + ": dropped " + std::to_string(prepared.cloud.droppedNonFinite) +
                                " points with NaN or Inf coordinates");
        }
        for (const QueryStageMaps& q : queries)
            exporter.writeQueryStage(partialDir.toStdString(), input.outputName, q, prepared);
        if (queries.size() > 1) {  // the per-query maps averaged over every cross-attention layer
            std::vector<FloatArray> layers;
            for (const QueryStageMaps& q : queries)
                layers.push_back(q.maps);
            writeNpy(partialDir.toStdString() + "/" + queryStages_.back() + "/query_maps_layer_mean.npy",
                     meanOfLayers(layers));
        }
        if (gae) {  // filed with the last cross-attention stage, whose queries it explains
            const std::string dir = partialDir.toStdString() + "/" + queryStages_.back();
            writeNpy(dir + "/query_relevance.npy", gae->maps);
            writeFileAtomically(dir + "/query_relevance.txt",
                                "method: " + relevanceMethod + "\nlayers: " + joined(gae->layers) + "\n");
        }
        if (!QDir().mkpath(partialDir))
            throw Error(partialDir.toStdString() + ": cannot create folder");
        if (const FloatArray* logits = captures.find("logits"))  // the model's output, to cite with the maps
            writeNpy(partialDir.toStdString() + "/logits.npy", *logits);
        if (!prepared.frameIndices.empty()) {  // video: which frames of the file the model saw
            std::string indices;
            for (int i : prepared.frameIndices)
                indices += (indices.empty() ? "" : ", ") + std::to_string(i);
            writeFileAtomically(partialDir.toStdString() + "/input.json",
                                "{\"frames_in_file\": " + std::to_string(prepared.sourceFrames) +
                                    ", \"fps\": " + CsvTable::number(prepared.fps) +
                                    ", \"sampled_frames\": [" + indices + "]}\n");
        }
        exporter.write(partialDir.toStdString(), input.outputName, maps, prepared,
                       rollout ? &*rollout : nullptr);
    } catch (...) {
        QDir(partialDir).removeRecursively();
        throw;
    }
    if (QFileInfo::exists(finalDir) && !QDir(finalDir).removeRecursively())
        throw Error(finalDir.toStdString() + ": cannot replace the results of an earlier run");
    if (!QDir().rename(partialDir, finalDir))
        throw Error(finalDir.toStdString() + ": cannot move finished results into place");
    for (const StageMaps& m : maps) {
        tables.metrics.addStage(input.path, m, manifest.labelForStage(m.stage));
        tables.heads.addStage(input.path, m);
    }
    for (const QueryStageMaps& q : queries)
        tables.queries.addStage(input.path, q, relevanceMethod);
    if (!tables.metrics.rows().empty())
        tables.metrics.writeTo(outDir.filePath(QStringLiteral("metrics.csv")).toStdString());
    if (!tables.heads.rows().empty())
        tables.heads.writeTo(outDir.filePath(QStringLiteral("attention_heads.csv")).toStdString());
    if (!tables.queries.rows().empty())
        tables.queries.writeTo(outDir.filePath(QStringLiteral("qformer.csv")).toStdString());
    report.timings.exportMs = msSince(t);
}

}  // namespace filterscope

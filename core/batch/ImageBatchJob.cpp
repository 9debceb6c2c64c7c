#include "batch/ImageBatchJob.h"

#include "analysis/StageMaps.h"
#include "common/Error.h"
#include "exporting/MetricsTable.h"
#include "exporting/StageMapsExporter.h"
#include "input/ImageLoader.h"
#include "input/ImagePreprocessor.h"

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
    const std::vector<std::string>& available = plugin_->tokenStages();
    if (options_.stages.empty()) {
        stages_ = available;
    } else {
        for (const std::string& s : options_.stages) {
            if (std::find(available.begin(), available.end(), s) == available.end())
                throw Error("plugin '" + plugin_->id() + "' has no stage \"" + s +
                            "\" with token captures (stages: " + joined(available) + ")");
            stages_.push_back(s);
        }
    }
}

BatchReport ImageBatchJob::run(ProgressSink& progress) {
    const QString out = QString::fromStdString(options_.outputDirectory);
    if (!QDir().mkpath(out))
        throw Error(options_.outputDirectory + ": cannot create the output folder");
    BatchReport report;
    MetricsTable metrics;
    AttentionHeadsTable heads;
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
            runItem(input, item, metrics, heads);
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

void ImageBatchJob::runItem(const BatchInput& input, BatchItemReport& report, MetricsTable& metrics,
                            AttentionHeadsTable& heads) {
    const PluginManifest& manifest = plugin_->manifest();
    auto t = Clock::now();
    const RgbImage image = loadImage(input.path);
    const PreparedImage prepared = prepareImage(image, manifest.input);
    report.timings.loadMs = msSince(t);

    t = Clock::now();
    const CaptureSet captures = plugin_->run(prepared.tensor, input.path);
    report.timings.forwardMs = msSince(t);

    t = Clock::now();
    const std::vector<StageMaps> maps =
        computeStageMaps(captures, manifest.tokens, stages_, options_.analyses);
    const std::optional<RolloutMap> rollout =
        options_.analyses.attention ? computeRolloutMap(captures, manifest.tokens) : std::nullopt;
    report.timings.analysisMs = msSince(t);

    t = Clock::now();
    const QDir outDir(QString::fromStdString(options_.outputDirectory));
    const QString finalDir = outDir.filePath(QString::fromStdString(input.outputName));
    const QString partialDir = outDir.filePath(
        QStringLiteral(".") + QString::fromStdString(input.outputName) + QStringLiteral(".partial"));
    QDir(partialDir).removeRecursively();
    try {
        StageMapsExporter(manifest, figures_, options_.colormap)
            .write(partialDir.toStdString(), input.outputName, maps, prepared.resized,
                   rollout ? &*rollout : nullptr);
    } catch (...) {
        QDir(partialDir).removeRecursively();
        throw;
    }
    if (QFileInfo::exists(finalDir) && !QDir(finalDir).removeRecursively())
        throw Error(finalDir.toStdString() + ": cannot replace the results of an earlier run");
    if (!QDir().rename(partialDir, finalDir))
        throw Error(finalDir.toStdString() + ": cannot move finished results into place");
    for (const StageMaps& m : maps)
        metrics.addStage(input.path, m, manifest.labelForStage(m.stage));
    metrics.writeTo(outDir.filePath(QStringLiteral("metrics.csv")).toStdString());
    for (const StageMaps& m : maps)
        heads.addStage(input.path, m);
    if (!heads.rows().empty())
        heads.writeTo(outDir.filePath(QStringLiteral("attention_heads.csv")).toStdString());
    report.timings.exportMs = msSince(t);
}

}  // namespace filterscope

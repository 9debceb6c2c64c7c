#include "batch/BatchExportJob.h"

#include "batch/ItemRunner.h"
#include "common/JoinedText.h"

#include "analysis/GradientRelevance.h"
#include "analysis/QueryStageMaps.h"
#include "analysis/StageMaps.h"
#include "array/NpyFile.h"
#include "common/AtomicFile.h"
#include "common/Error.h"
#include "exporting/CsvTable.h"
#include "exporting/LayerAnalysesExporter.h"
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

// Every CSV of the batch, rewritten after each finished input. Each input's own rows are also kept in its
// folder (rows/), so a rerun that skips a finished input rebuilds exactly the same tables.
struct BatchExportJob::Tables {
    MetricsTable metrics;
    AttentionHeadsTable heads;
    QueryTable queries;

    std::vector<CsvTable*> all() { return {&metrics, &heads, &queries}; }
    static std::vector<std::string> names() { return {"metrics.csv", "attention_heads.csv", "qformer.csv"}; }

    void writeTo(const QDir& outDir) {
        for (size_t t = 0; t < all().size(); ++t)
            if (!all()[t]->rows().empty())
                all()[t]->writeTo(outDir.filePath(QString::fromStdString(names()[t])).toStdString());
    }
    // The rows an earlier run kept for one input; false when they are missing or of another format (then
    // the input is done again).
    bool addKeptRows(const QString& rowsDir, const std::string& signature) {
        std::vector<std::vector<std::string>> kept(all().size());
        QFile run(QDir(rowsDir).filePath(QStringLiteral("run.txt")));  // same plugin, same request?
        if (!run.open(QIODevice::ReadOnly) || run.readAll().toStdString() != signature)
            return false;
        for (size_t t = 0; t < all().size(); ++t) {
            QFile f(QDir(rowsDir).filePath(QString::fromStdString(names()[t])));
            if (!f.exists())
                continue;
            if (!f.open(QIODevice::ReadOnly))
                return false;
            const QList<QByteArray> lines = f.readAll().split('\n');
            if (lines.isEmpty() || lines.front().toStdString() != all()[t]->header())
                return false;
            for (qsizetype i = 1; i < lines.size(); ++i)
                if (!lines[i].isEmpty())
                    kept[t].push_back(lines[i].toStdString());
        }
        for (size_t t = 0; t < all().size(); ++t)
            for (std::string& row : kept[t])
                all()[t]->addRow(std::move(row));
        return true;
    }
};

// The batch's side of the item runner: a kept folder is a finished item, computing one writes its folder.
class BatchExportJob::Work final : public ItemWork {
public:
    Work(BatchExportJob& job, Tables& tables, BatchReport& report, const QString& out)
        : job_(job), tables_(tables), report_(report), out_(out) {}
    bool isDone(const BatchInput& input, const BatchModel&) override {
        // Resuming: a finished input's folder (renamed into place only when complete) is not done again.
        const QString finalDir = QDir(out_).filePath(QString::fromStdString(input.outputName));
        if (job_.options_.overwrite ||
            !tables_.addKeptRows(finalDir + QStringLiteral("/rows"), job_.signature()))
            return false;
        BatchItemReport item{input.path, input.outputName, true, true, {}, {}};
        ++report_.skipped;
        tables_.writeTo(QDir(out_));
        report_.items.push_back(item);
        return true;
    }
    void compute(const BatchInput& input, const BatchModel& model, ProgressSink&) override {
        job_.plugin_ = model.plugin;  // loaded again after an overrun
        BatchItemReport item{input.path, input.outputName, false, false, {}, {}};
        job_.runItem(input, item, tables_);
        item.ok = true;
        report_.items.push_back(item);
    }
    void failed(const BatchInput& input, const BatchModel&, const std::string& error) override {
        report_.items.push_back({input.path, input.outputName, false, false, error, {}});
    }

private:
    BatchExportJob& job_;
    Tables& tables_;
    BatchReport& report_;
    QString out_;
};

BatchReport BatchExportJob::run(ProgressSink& progress) {
    progress_ = &progress;
    const QString out = QString::fromStdString(options_.outputDirectory);
    if (!QDir().mkpath(out))
        throw Error(options_.outputDirectory + ": cannot create the output folder");
    BatchReport report;
    Tables tables;
    Work work(*this, tables, report, out);
    ItemRunner runner(options_.inputs, {{plugin_, plugin_->id()}}, work, false);
    const ItemCounts& counts = runner.runAll(progress);
    report.cancelled = counts.cancelled;
    report.stoppedBecause = counts.stoppedBecause;
    return report;
}

// What an input's results depend on besides the input: a kept folder is reused only when this matches.
std::string BatchExportJob::signature() const {
    std::string stages;
    for (const std::string& s : stages_.grid)
        stages += s + " ";
    for (const std::string& s : stages_.cross)
        stages += s + " ";
    return "plugin " + plugin_->identity() + "\nanalyses " + options_.request.analyses.toString() +
           "\nstages " + stages + "\nrelevance " + options_.request.relevanceTarget.toString() +
           "\ncolormap " + options_.colormap + "\nfigures " +
           (figures_ ? figures_->describe() + " " + options_.figureKinds.toString() : "none") + "\n";
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
    // This input's table rows, kept in its folder too (rows/) so a resumed run can rebuild the tables.
    Tables own;
    const PluginManifest& manifest = plugin_->manifest();
    for (const StageMaps& m : a.maps) {
        own.metrics.addStage(input.path, m, manifest.labelForStage(m.stage));
        own.heads.addStage(input.path, m);
    }
    for (const QueryStageMaps& q : a.queries)
        own.queries.addStage(input.path, q, a.relevanceMethod);
    try {
        if (!QDir().mkpath(partialDir + QStringLiteral("/rows")))
            throw Error(partialDir.toStdString() + ": cannot create folder");
        writeItem(input, a, partialDir.toStdString());
        for (size_t k = 0; k < own.all().size(); ++k)  // header even when empty: marks the folder complete
            own.all()[k]->writeTo(partialDir.toStdString() + "/rows/" + Tables::names()[k]);
        writeFileAtomically(partialDir.toStdString() + "/rows/run.txt", signature());
    } catch (...) {
        QDir(partialDir).removeRecursively();
        throw;
    }
    if (QFileInfo::exists(finalDir) && !QDir(finalDir).removeRecursively())
        throw Error(finalDir.toStdString() + ": cannot replace the results of an earlier run");
    if (!QDir().rename(partialDir, finalDir))
        throw Error(finalDir.toStdString() + ": cannot move finished results into place");
    for (size_t k = 0; k < own.all().size(); ++k)
        for (const std::string& row : own.all()[k]->rows())
            tables.all()[k]->addRow(row);
    tables.writeTo(outDir);
    report.timings.exportMs = msSince(t);
}

void BatchExportJob::writeItem(const BatchInput& input, const InputAnalysis& a,
                               const std::string& dir) const {
    const PluginManifest& manifest = plugin_->manifest();
    const PreparedInput& prepared = a.prepared;
    StageMapsExporter exporter(manifest, figures_, options_.colormap);
    exporter.setFigureKinds(options_.figureKinds);
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
    writeLayerAnalyses(dir, a.layers);
}

}  // namespace filterscope

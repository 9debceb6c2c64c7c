#include "probe/DatasetProbe.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "pipeline/ForwardDeadline.h"
#include "pipeline/InputPipeline.h"
#include "probe/LayerScoreRows.h"
#include "probe/ProbeTables.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <chrono>
#include <set>

namespace filterscope {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

AnalysisSelection selectionFor(const ScoreRequest& s) {
    AnalysisSelection a = AnalysisSelection::parse("norm");
    auto wants = [&](const char* m) { return std::find(s.maps.begin(), s.maps.end(), m) != s.maps.end(); };
    a.norm = wants("norm");
    a.activation = wants("activation");
    a.frequency = wants("freq");
    a.attention = wants("attention");
    a.rollout = wants("rollout");
    a.tokenstats = wants("tokenstats");
    a.fourier = wants("fourier");
    a.faithfulness = wants("faithfulness");
    a.cka = false;  // across models: DatasetProbe's own minibatch CKA, not the per-input matrix
    return a;
}

// The item folder of a model remembers which model file it was computed with, so a rerun after the model
// changed cannot mix old and new numbers.
void checkModelRecord(const std::string& outDir, const ProbeModel& m) {
    const std::string dir = outDir + "/items/" + m.name;
    const std::string record = dir + "/model.txt";
    const std::string text = "model " + m.name + "\nsha256 " + m.plugin->modelHash() + "\n";
    QFile f(QString::fromStdString(record));
    if (f.exists()) {
        if (!f.open(QIODevice::ReadOnly))
            throw Error(record + ": cannot read");
        if (f.readAll().toStdString() != text)
            throw Error(record + ": " + outDir + " holds results of another model file named " + m.name +
                        "; use a new --out folder (or delete " + dir + ")");
        return;
    }
    if (!QDir().mkpath(QString::fromStdString(dir)))
        throw Error(dir + ": cannot create folder");
    writeFileAtomically(record, text);
}

}  // namespace

std::vector<BatchInput> shardInputs(std::vector<BatchInput> inputs, int shard, int shards) {
    std::stable_sort(inputs.begin(), inputs.end(),
                     [](const BatchInput& a, const BatchInput& b) { return a.path < b.path; });
    std::vector<BatchInput> out;
    for (size_t i = 0; i < inputs.size(); ++i)
        if (static_cast<int>(i % static_cast<size_t>(shards)) == shard)
            out.push_back(inputs[i]);
    return out;
}

std::vector<BatchInput> withoutMaskFiles(const std::vector<BatchInput>& inputs, const std::string& maskDir) {
    if (maskDir.empty())
        return inputs;
    std::set<std::string> masks;
    for (const BatchInput& in : inputs) {
        const std::string m = findMask(maskDir, in.path);
        if (!m.empty())
            masks.insert(QFileInfo(QString::fromStdString(m)).absoluteFilePath().toStdString());
    }
    std::vector<BatchInput> out;
    for (const BatchInput& in : inputs)
        if (!masks.count(QFileInfo(QString::fromStdString(in.path)).absoluteFilePath().toStdString()))
            out.push_back(in);
    return out;
}

DatasetProbe::DatasetProbe(std::vector<ProbeModel> models, DatasetProbeOptions options)
    : models_(std::move(models)), options_(std::move(options)) {
    for (const std::string& s : options_.stages) {
        const bool somewhere = std::any_of(models_.begin(), models_.end(), [&](const ProbeModel& m) {
            const auto& g = m.plugin->gridStages();
            return std::find(g.begin(), g.end(), s) != g.end();
        });
        if (!somewhere)
            throw Error("no model has a stage \"" + s + "\" (--stages)");
    }
    if (!QDir().mkpath(QString::fromStdString(options_.outputDirectory)))
        throw Error(options_.outputDirectory + ": cannot create the output folder");
    for (const ProbeModel& m : models_)
        checkModelRecord(options_.outputDirectory, m);
}

bool DatasetProbe::wantsCka() const {
    const auto& maps = options_.scores.maps;
    return models_.size() >= 2 && std::find(maps.begin(), maps.end(), "cka") != maps.end();
}

std::vector<StageGram> DatasetProbe::gramsOf(const ProbeModel& model, const BatchInput& input,
                                             double& forwardMs) const {
    PipelineRequest request;
    request.analyses = AnalysisSelection::none();
    request.forwardTimeoutSeconds = options_.forwardTimeoutSeconds;
    const PipelineStages stages = resolveStages(*model.plugin, request);
    const InputAnalysis a = analyseInput(*model.plugin, input.path, stages, request);
    forwardMs += a.timings.forwardMs;
    std::vector<std::string> wanted;
    for (const std::string& s : stages.grid)
        if (options_.stages.empty() ||
            std::find(options_.stages.begin(), options_.stages.end(), s) != options_.stages.end())
            wanted.push_back(s);
    return stageGramsOf(a.captures, wanted);
}

std::vector<ScoreRow> DatasetProbe::scoreItem(const ProbeModel& model, const BatchInput& input,
                                              double& forwardMs, std::vector<StageGram>* grams) const {
    PipelineRequest request;
    request.analyses = selectionFor(options_.scores);
    request.forwardTimeoutSeconds = options_.forwardTimeoutSeconds;
    for (const std::string& s : options_.stages) {  // a model without one of them scores the others
        const auto& g = model.plugin->gridStages();
        if (std::find(g.begin(), g.end(), s) != g.end())
            request.stages.push_back(s);
    }
    if (!options_.stages.empty() && request.stages.empty())
        return {};
    const InputAnalysis a =
        analyseInput(*model.plugin, input.path, resolveStages(*model.plugin, request), request);
    forwardMs += a.timings.forwardMs;
    if (grams)
        *grams =
            stageGramsOf(a.captures, request.stages.empty() ? model.plugin->gridStages() : request.stages);
    std::vector<TokenMask> masks;  // one per grid the maps have (hierarchical stages differ)
    const std::string maskPath =
        options_.maskDirectory.empty() ? std::string() : findMask(options_.maskDirectory, input.path);
    const PluginManifest& manifest = model.plugin->manifest();
    if (!maskPath.empty() && manifest.modality == Modality::Image) {
        const std::vector<uint8_t> pixels =
            maskAtModelInput(maskPath, a.prepared.sourceWidth, a.prepared.sourceHeight, manifest.input,
                             options_.maskThreshold);
        std::vector<std::vector<int64_t>> grids = {manifest.tokens.grid};
        for (const StageMaps& m : a.maps)
            if (std::find(grids.begin(), grids.end(), manifest.layoutOf(m.stage).grid) == grids.end())
                grids.push_back(manifest.layoutOf(m.stage).grid);
        for (const std::vector<int64_t>& g : grids)
            if (g.size() == 2)
                masks.push_back(tokenMask(pixels, manifest.input.height, manifest.input.width,
                                          static_cast<int>(g[0]), static_cast<int>(g[1])));
    }
    std::vector<ScoreRow> rows = scoreMaps(a.maps, a.rollout, masks, options_.scores);
    appendLayerRows(a.layers, rows);
    return rows;
}

DatasetProbeReport DatasetProbe::run(ProgressSink& progress) {
    DatasetProbeReport report;
    const int total = static_cast<int>(options_.inputs.size() * models_.size());
    int index = 0;
    const bool cka = wantsCka();
    for (const BatchInput& input : options_.inputs) {
        // Minibatch CKA needs every model's tokens of this input at once: their Grams, gathered as the
        // models run (or run again for it when an earlier run wrote the scores but not the CKA item).
        const std::string ckaItem = ckaItemPath(options_.outputDirectory, input.outputName);
        const bool needCka = cka && !QFileInfo::exists(QString::fromStdString(ckaItem));
        std::vector<ModelGrams> grams;
        for (ProbeModel& model : models_) {
            progress.report(index++, total, input.path + " with " + model.name);
            if (progress.isCancelRequested()) {
                report.cancelled = true;
                break;
            }
            const std::string item = itemPath(options_.outputDirectory, model.name, input.outputName);
            const auto t0 = Clock::now();
            if (QFileInfo::exists(QString::fromStdString(item))) {
                ++report.skipped;
                if (needCka) {
                    try {
                        grams.push_back({model.name, gramsOf(model, input, report.forwardMs)});
                    } catch (const std::exception& e) {
                        progress.itemFailed(input.path + ": layer similarity: " + e.what() + " (model " +
                                            model.name + ")");
                    }
                }
                continue;
            }
            try {
                std::vector<StageGram> modelGrams;
                writeItem(item, input.path, model.name,
                          scoreItem(model, input, report.forwardMs, needCka ? &modelGrams : nullptr));
                if (needCka)
                    grams.push_back({model.name, std::move(modelGrams)});
                ++report.done;
            } catch (const ForwardTimeoutError& e) {
                ++report.failed;
                report.errors.push_back(e.what());
                progress.itemFailed(std::string(e.what()) + " (model " + model.name + ")");
                if (overrunForwardsRunning() >= kMaxOverrunForwards) {
                    report.stoppedBecause = "model " + model.name + " overran --timeout on " +
                                            std::to_string(overrunForwardsRunning()) +
                                            " inputs whose passes are still running; stopped (finished items "
                                            "are kept: the same command resumes)";
                } else {
                    try {  // the overrun pass still holds the old module
                        model.plugin = model.plugin->reloaded();
                    } catch (const std::exception& reload) {
                        report.stoppedBecause =
                            "cannot load " + model.name + " again after a timeout: " + reload.what();
                    }
                }
            } catch (const std::exception& e) {
                const std::string what =
                    dynamic_cast<const std::bad_alloc*>(&e) ? "not enough memory" : e.what();
                const std::string message =
                    what.find(input.path) != std::string::npos ? what : input.path + ": " + what;
                ++report.failed;
                report.errors.push_back(message);
                progress.itemFailed(message + " (model " + model.name + ")");
            }
            report.totalMs += msSince(t0);
            if (!report.stoppedBecause.empty())
                break;
        }
        if (report.cancelled || !report.stoppedBecause.empty())
            break;
        if (needCka && grams.size() == models_.size())  // a model failed here: no pair is complete
            writeCkaItem(ckaItem, input.path, grams);
    }
    progress.report(index, total, "done");
    rebuildProbeTables(options_.outputDirectory);
    if (cka)
        rebuildCkaTable(options_.outputDirectory);
    return report;
}

}  // namespace filterscope

#include "probe/DatasetProbe.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
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
void checkModelRecord(const std::string& outDir, const BatchModel& m) {
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

// Likewise the labels the items were scored against: a rerun with another labels file (or none, or one
// where there was none) would leave rows of both in one table.
void checkLabelsRecord(const std::string& outDir, const InputLabels& labels) {
    const std::string record = outDir + "/items/labels.txt";
    const std::string text = labels.empty() ? std::string("labels none\n")
                                            : "labels " + labels.path() + "\nsha256 " + labels.hash() + "\n";
    auto sameLabels = [&](const std::string& old) {
        return labels.empty() ? old == text
                              : old.find("\nsha256 " + labels.hash() + "\n") != std::string::npos;
    };
    QFile f(QString::fromStdString(record));
    std::string old;
    if (f.exists()) {
        if (!f.open(QIODevice::ReadOnly))
            throw Error(record + ": cannot read");
        old = f.readAll().toStdString();
    } else if (!QDir(QString::fromStdString(outDir + "/items"))
                    .entryList(QDir::Dirs | QDir::NoDotAndDotDot)
                    .isEmpty()) {
        old = "labels none\n";  // items of a run before labels were recorded: a run without them
    }
    if (!old.empty() && !sameLabels(old)) {
        const std::string oldPath = old.rfind("labels ", 0) == 0 ? old.substr(7, old.find('\n') - 7) : "";
        const std::string why =
            old == "labels none\n" ? "scored without --labels"
            : labels.empty()
                ? "scored against the labels in " + oldPath + " (give --labels " + oldPath + " again)"
                : "scored against another labels file (" + oldPath + ", other contents)";
        throw Error(record + ": " + outDir + " holds results " + why +
                    "; or use a new --out folder (or delete " + outDir + "/items)");
    }
    if (old != text) {
        if (!QDir().mkpath(QString::fromStdString(outDir + "/items")))
            throw Error(outDir + "/items: cannot create folder");
        writeFileAtomically(record, text);
    }
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

// The probe's side of the item runner: an item is one (input, model) file of scores; minibatch CKA needs
// every model's tokens of one input at once, so their Grams are gathered as the models run (or computed
// again for an input whose score items an earlier run wrote before its CKA item).
class DatasetProbe::Work final : public ItemWork {
public:
    explicit Work(DatasetProbe& probe) : probe_(probe) {}

    void startInput(const BatchInput& input) {
        grams_.clear();
        ckaItem_ = ckaItemPath(probe_.options_.outputDirectory, input.outputName);
        needCka_ = probe_.wantsCka() && !QFileInfo::exists(QString::fromStdString(ckaItem_));
    }
    bool isDone(const BatchInput& input, const BatchModel& model) override {
        return QFileInfo::exists(QString::fromStdString(itemOf(input, model)));
    }
    void skipped(const BatchInput& input, const BatchModel& model) override {
        if (!needCka_)
            return;
        try {
            grams_.push_back({model.name, probe_.gramsOf(model, input)});
        } catch (const std::exception& e) {
            progress_->itemFailed(input.path + ": layer similarity: " + e.what() + " (model " + model.name +
                                  ")");
        }
    }
    void compute(const BatchInput& input, const BatchModel& model, ProgressSink& progress) override {
        const auto t0 = Clock::now();
        std::vector<StageGram> grams;
        try {
            writeItem(itemOf(input, model), input.path, model.name,
                      probe_.scoreItem(model, input, progress, needCka_ ? &grams : nullptr));
        } catch (...) {
            probe_.totalMs_ += msSince(t0);
            throw;
        }
        probe_.totalMs_ += msSince(t0);
        if (needCka_)
            grams_.push_back({model.name, std::move(grams)});
    }
    void inputFinished(const BatchInput& input) override {
        if (needCka_ && grams_.size() == probe_.models().size())  // a model failed here: no pair is complete
            writeCkaItem(ckaItem_, input.path, grams_);
    }
    ProgressSink* progress_ = nullptr;

private:
    std::string itemOf(const BatchInput& input, const BatchModel& model) const {
        return itemPath(probe_.options_.outputDirectory, model.name, input.outputName);
    }
    DatasetProbe& probe_;
    std::vector<ModelGrams> grams_;
    std::string ckaItem_;
    bool needCka_ = false;
};

DatasetProbe::DatasetProbe(std::vector<BatchModel> models, DatasetProbeOptions options)
    : options_(std::move(options)), work_(std::make_unique<Work>(*this)) {
    for (const std::string& s : options_.stages) {
        const bool somewhere = std::any_of(models.begin(), models.end(), [&](const BatchModel& m) {
            const auto& g = m.plugin->gridStages();
            return std::find(g.begin(), g.end(), s) != g.end();
        });
        if (!somewhere)
            throw Error("no model has a stage \"" + s + "\" (--stages)");
    }
    if (!QDir().mkpath(QString::fromStdString(options_.outputDirectory)))
        throw Error(options_.outputDirectory + ": cannot create the output folder");
    checkLabelsRecord(options_.outputDirectory, options_.labels);
    for (const BatchModel& m : models)
        checkModelRecord(options_.outputDirectory, m);
    runner_ = std::make_unique<ItemRunner>(options_.inputs, std::move(models), *work_, true);
}

DatasetProbe::~DatasetProbe() = default;

const std::vector<BatchModel>& DatasetProbe::models() const {
    return runner_->models();
}

bool DatasetProbe::wantsCka() const {
    const auto& maps = options_.scores.maps;
    return models().size() >= 2 && std::find(maps.begin(), maps.end(), "cka") != maps.end();
}

std::vector<StageGram> DatasetProbe::gramsOf(const BatchModel& model, const BatchInput& input) {
    PipelineRequest request;
    request.analyses = AnalysisSelection::none();
    request.forwardTimeoutSeconds = options_.forwardTimeoutSeconds;
    const PipelineStages stages = resolveStages(*model.plugin, request);
    const InputAnalysis a = analyseInput(*model.plugin, input.path, stages, request);
    forwardMs_ += a.timings.forwardMs;
    std::vector<std::string> wanted;
    for (const std::string& s : stages.grid)
        if (options_.stages.empty() ||
            std::find(options_.stages.begin(), options_.stages.end(), s) != options_.stages.end())
            wanted.push_back(s);
    return stageGramsOf(a.captures, wanted);
}

std::vector<ScoreRow> DatasetProbe::scoreItem(const BatchModel& model, const BatchInput& input,
                                              ProgressSink& progress, std::vector<StageGram>* grams) {
    PipelineRequest request;
    request.analyses = selectionFor(options_.scores);
    request.forwardTimeoutSeconds = options_.forwardTimeoutSeconds;
    request.labelClass = options_.labels.labelOf(input.path);
    for (const std::string& s : options_.stages) {  // a model without one of them scores the others
        const auto& g = model.plugin->gridStages();
        if (std::find(g.begin(), g.end(), s) != g.end())
            request.stages.push_back(s);
    }
    if (!options_.stages.empty() && request.stages.empty())
        return {};
    const InputAnalysis a =
        analyseInput(*model.plugin, input.path, resolveStages(*model.plugin, request), request);
    forwardMs_ += a.timings.forwardMs;
    progress.holding(a.captures.bytes());  // a front end counts it against its memory budget
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
    if (request.labelClass >= 0) {
        try {
            for (ScoreRow& r : labelRows(a.captures, request.labelClass))
                rows.push_back(std::move(r));
        } catch (const Error& e) {
            throw Error(options_.labels.path() + ": " + input.path + ": " + e.what());
        }
    }
    progress.holding(0);
    return rows;
}

bool DatasetProbe::runInput(size_t index, ProgressSink& progress) {
    work_->progress_ = &progress;
    work_->startInput(options_.inputs.at(index));
    return runner_->runInput(index, progress);
}

DatasetProbeReport DatasetProbe::finish() {
    rebuildProbeTables(options_.outputDirectory);
    if (wantsCka())
        rebuildCkaTable(options_.outputDirectory);
    const ItemCounts& c = runner_->counts();
    DatasetProbeReport r;
    r.done = c.done;
    r.skipped = c.skipped;
    r.failed = c.failed;
    r.cancelled = c.cancelled;
    r.stoppedBecause = c.stoppedBecause;
    r.errors = c.errors;
    r.forwardMs = forwardMs_;
    r.totalMs = totalMs_;
    return r;
}

DatasetProbeReport DatasetProbe::run(ProgressSink& progress) {
    size_t i = 0;
    while (i < inputCount() && runInput(i, progress))
        ++i;
    const int total = static_cast<int>(inputCount() * models().size());
    progress.report(static_cast<int>(i * models().size()), total, "done");
    return finish();
}

}  // namespace filterscope

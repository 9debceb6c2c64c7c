#pragma once

#include "batch/InputCollection.h"
#include "common/ProgressSink.h"
#include "exporting/FigureWriter.h"
#include "exporting/StageMapsExporter.h"
#include "pipeline/InputPipeline.h"

#include <memory>
#include <string>
#include <vector>

namespace filterscope {

struct BatchExportOptions {
    std::vector<BatchInput> inputs;
    std::string outputDirectory;
    PipelineRequest request;  // analyses, stages (empty: all), relevance target
    std::string colormap = "viridis";
    MapFigureKinds figureKinds;  // --figures: map, overlay or both
    bool overwrite = false;      // redo inputs whose finished folder exists (default: skip them, resuming)
};

struct ItemTimings {
    double loadMs = 0, forwardMs = 0, analysisMs = 0, exportMs = 0;
    double totalMs() const { return loadMs + forwardMs + analysisMs + exportMs; }
};

struct BatchItemReport {
    std::string input;
    std::string outputName;
    bool ok = false;
    bool skipped = false;  // done by an earlier run: its folder and rows were kept
    std::string error;     // one line naming the file and the problem
    ItemTimings timings;
};

struct BatchReport {
    std::vector<BatchItemReport> items;
    bool cancelled = false;
    std::string stoppedBecause;  // non-empty: the batch ended early for this reason (finished work kept)
    int skipped = 0;
    int failedCount() const;
};

// Runs many inputs through the one pipeline (pipeline/InputPipeline) and writes maps, figures and the
// tables (plugins/README.md, "Batch output"). Only batching lives here: the inputs, progress, cancel and
// writing. An input that fails is reported and skipped; the others go on. Each input's folder is written
// under a temporary name and renamed when complete, and the tables are rewritten atomically after every
// input, so an interrupted batch leaves only complete results. Running the same batch again skips the
// inputs whose folders are complete (unless `overwrite`), and the tables come out as from one run.
class BatchExportJob {
public:
    // Throws Error when a requested stage does not exist (before any work is done).
    BatchExportJob(std::shared_ptr<const ModelPlugin> plugin, BatchExportOptions options,
                   FigureWriter* figures);

    BatchReport run(ProgressSink& progress);
    const std::vector<std::string>& stages() const { return stages_.grid; }
    const std::vector<std::string>& queryStages() const { return stages_.cross; }

private:
    struct Tables;
    class Work;
    void runItem(const BatchInput& input, BatchItemReport& report, Tables& tables);
    void writeItem(const BatchInput& input, const InputAnalysis& a, const std::string& directory) const;
    std::string signature() const;

    std::shared_ptr<const ModelPlugin> plugin_;
    BatchExportOptions options_;
    FigureWriter* figures_;
    ProgressSink* progress_ = nullptr;
    PipelineStages stages_;
};

}  // namespace filterscope

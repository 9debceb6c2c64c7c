#pragma once

#include "analysis/AnalysisSelection.h"
#include "batch/InputCollection.h"
#include "common/ProgressSink.h"
#include "exporting/FigureWriter.h"
#include "plugin/ModelPlugin.h"

#include <memory>
#include <string>
#include <vector>

namespace filterscope {

struct ImageBatchOptions {
    std::vector<BatchInput> inputs;
    std::string outputDirectory;
    AnalysisSelection analyses;
    std::vector<std::string>
        stages;  // empty: every grid stage (tokens.<stage> or attn.<stage> over N tokens)
    std::string colormap = "viridis";
    // Scalar whose gradient weights the Q-Former relevance (plugins with xattn.* only).
    RelevanceTarget relevanceTarget;
};

struct ItemTimings {
    double loadMs = 0, forwardMs = 0, analysisMs = 0, exportMs = 0;
    double totalMs() const { return loadMs + forwardMs + analysisMs + exportMs; }
};

struct BatchItemReport {
    std::string input;
    std::string outputName;
    bool ok = false;
    std::string error;  // one line naming the file and the problem
    ItemTimings timings;
};

struct BatchReport {
    std::vector<BatchItemReport> items;
    bool cancelled = false;
    int failedCount() const;
};

// Runs a model plugin over many images and writes maps, figures and metrics.csv (plugins/README.md,
// "Batch output"). An input that fails is reported and skipped; the others go on. Each input's folder is
// written under a temporary name and renamed when complete, and metrics.csv is rewritten atomically after
// every input, so an interrupted batch leaves only complete results.
class ImageBatchJob {
public:
    // Throws Error when a requested stage does not exist (before any work is done).
    ImageBatchJob(std::shared_ptr<const ModelPlugin> plugin, ImageBatchOptions options,
                  FigureWriter* figures);

    BatchReport run(ProgressSink& progress);
    const std::vector<std::string>& stages() const { return stages_; }
    const std::vector<std::string>& queryStages() const { return queryStages_; }

private:
    struct Tables;
    void runItem(const BatchInput& input, BatchItemReport& report, Tables& tables);

    std::shared_ptr<const ModelPlugin> plugin_;
    ImageBatchOptions options_;
    FigureWriter* figures_;
    ProgressSink* progress_ = nullptr;
    std::vector<std::string> stages_;       // grid stages: every map
    std::vector<std::string> queryStages_;  // cross-attention stages: query analyses
};

}  // namespace filterscope

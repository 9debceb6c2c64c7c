#pragma once

#include "batch/InputCollection.h"
#include "batch/ItemRunner.h"
#include "common/ProgressSink.h"
#include "metrics/InputScores.h"
#include "plugin/ModelPlugin.h"
#include "probe/InputLabels.h"
#include "probe/ProbeLayerSimilarity.h"

#include <memory>
#include <string>
#include <vector>

namespace filterscope {

// `filterscope-cli probe`: every model on every input, one forward pass each through the one pipeline,
// every selected map of every stage scored (metrics/InputScores) against the input's mask when there is
// one; per-(input, model) items written atomically, then the tables rebuilt from them (probe/ProbeTables).
// Running the same command again does only what is missing: an item on disk is never recomputed.
struct DatasetProbeOptions {
    std::vector<BatchInput> inputs;  // this shard's
    std::string outputDirectory;
    std::string maskDirectory;  // empty: label-free metrics only
    int maskThreshold = 1;
    // Empty: no prediction rows. Otherwise a labelled input's item adds `correct` and `p_label` (stage
    // "output", map "label"; probe/InputLabels) and the label is the class relevance and faithfulness
    // explain (instead of the model's own top-1).
    InputLabels labels;
    ScoreRequest scores;
    std::vector<std::string> stages;   // empty: every grid stage of each model
    double forwardTimeoutSeconds = 0;  // per forward pass; 0: no limit (pipeline/ForwardDeadline)
};

struct DatasetProbeReport {
    int done = 0, skipped = 0, failed = 0;  // (input, model) items
    bool cancelled = false;
    std::string stoppedBecause;         // non-empty: ended early for this reason (finished items kept)
    double forwardMs = 0, totalMs = 0;  // of the items computed now
    std::vector<std::string> errors;
};

// Inputs whose index in `sorted` is ≡ shard (mod shards): the same split whatever the machine.
std::vector<BatchInput> shardInputs(std::vector<BatchInput> inputs, int shard, int shards);
// Drops inputs that are another input's mask (`x_mask.png` beside `x.jpg` when masks share the folder).
std::vector<BatchInput> withoutMaskFiles(const std::vector<BatchInput>& inputs, const std::string& maskDir);

class DatasetProbe {
public:
    // Throws Error when a requested stage exists in no model, or OUT holds items of a different model file
    // under the same name (before any work).
    DatasetProbe(std::vector<BatchModel> models, DatasetProbeOptions options);
    ~DatasetProbe();
    // Every input, then the tables (what `filterscope-cli probe` does).
    DatasetProbeReport run(ProgressSink& progress);
    // The same in steps, for a front end that runs each input as a task of its own: every model on input
    // `index` (false once the probe has ended: cancelled or stopped), then finish() for the tables, from
    // every item on disk (also after a cancel: what is finished is kept and shown).
    size_t inputCount() const { return options_.inputs.size(); }
    bool runInput(size_t index, ProgressSink& progress);
    DatasetProbeReport finish();
    // The models as they are now: one that overran --timeout was loaded again.
    const std::vector<BatchModel>& models() const;
    const DatasetProbeOptions& options() const { return options_; }

private:
    class Work;
    // `grams` (may be null) receives the token stages' Gram matrices for minibatch CKA.
    std::vector<ScoreRow> scoreItem(const BatchModel& model, const BatchInput& input, ProgressSink& progress,
                                    std::vector<StageGram>* grams = nullptr);
    // The Grams alone, for an input whose score item an earlier run wrote before its CKA item.
    std::vector<StageGram> gramsOf(const BatchModel& model, const BatchInput& input);
    bool wantsCka() const;

    DatasetProbeOptions options_;
    std::unique_ptr<Work> work_;
    std::unique_ptr<ItemRunner> runner_;
    double forwardMs_ = 0, totalMs_ = 0;
};

}  // namespace filterscope

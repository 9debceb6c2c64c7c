#pragma once

#include "batch/InputCollection.h"
#include "common/ProgressSink.h"
#include "plugin/ModelPlugin.h"

#include <memory>
#include <string>
#include <vector>

namespace filterscope {

// A model of a batch: reloaded in place after one of its forward passes overran its deadline.
struct BatchModel {
    std::shared_ptr<const ModelPlugin> plugin;
    std::string name;  // "<id>" or "<id>@<variant>": how tables and messages name it
};

// What a front end does with one (input, model) item. `compute` writes the item's output atomically (a
// folder renamed into place, a file replaced whole), so an interrupted batch leaves only whole items, and
// `isDone` finds them again: that is how the same command resumes.
class ItemWork {
public:
    virtual ~ItemWork() = default;
    virtual bool isDone(const BatchInput& input, const BatchModel& model) = 0;
    // Throws Error (or anything) on failure; the runner reports it and goes on.
    virtual void compute(const BatchInput& input, const BatchModel& model, ProgressSink& progress) = 0;
    virtual void skipped(const BatchInput& /*input*/, const BatchModel& /*model*/) {}
    // `compute` failed; `error` is the line the runner reported.
    virtual void failed(const BatchInput& /*input*/, const BatchModel& /*model*/,
                        const std::string& /*error*/) {}
    // Every model has had its turn at this input (not called once the batch has ended).
    virtual void inputFinished(const BatchInput& /*input*/) {}
};

struct ItemCounts {
    int done = 0, skipped = 0, failed = 0;  // (input, model) items
    bool cancelled = false;
    std::string stoppedBecause;       // non-empty: ended early for this reason (finished items kept)
    std::vector<std::string> errors;  // one line per failed item, naming the input (and the model)
    bool ended() const { return cancelled || !stoppedBecause.empty(); }
};

// The one loop under `filterscope-cli run`, `probe` and the window's dataset probe: every input with
// every model, progress per item, cancel between items, resume (items already done are skipped), and the
// failure policy: a failed item is reported as one line naming its input and skipped; a forward pass
// that overran its deadline leaves the model to be loaded again (the stuck pass still holds the old
// module), and once kMaxOverrunForwards such passes are still running the batch stops, keeping its work.
class ItemRunner {
public:
    // `nameModels`: messages and progress name the model too (a probe of several models).
    ItemRunner(std::vector<BatchInput> inputs, std::vector<BatchModel> models, ItemWork& work,
               bool nameModels);

    size_t inputCount() const { return inputs_.size(); }
    const std::vector<BatchInput>& inputs() const { return inputs_; }
    // Every model on input `index`; false when the batch has ended (cancelled or stopped).
    bool runInput(size_t index, ProgressSink& progress);
    // Every input in order, then the closing progress line ("done", "stopped", "(N already done before)").
    const ItemCounts& runAll(ProgressSink& progress);
    const ItemCounts& counts() const { return counts_; }
    // The models as they are now: one that overran its deadline was loaded again.
    const std::vector<BatchModel>& models() const { return models_; }
    const std::string& lastError() const { return lastError_; }

private:
    void runItem(const BatchInput& input, BatchModel& model, ProgressSink& progress);
    void afterOverrun(BatchModel& model);

    std::vector<BatchInput> inputs_;
    std::vector<BatchModel> models_;
    ItemWork& work_;
    bool nameModels_;
    ItemCounts counts_;
    std::string lastError_;
};

}  // namespace filterscope

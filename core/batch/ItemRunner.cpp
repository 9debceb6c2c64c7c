#include "batch/ItemRunner.h"

#include "common/Error.h"
#include "pipeline/ForwardDeadline.h"

#include <new>

namespace filterscope {

ItemRunner::ItemRunner(std::vector<BatchInput> inputs, std::vector<BatchModel> models, ItemWork& work,
                       bool nameModels)
    : inputs_(std::move(inputs)), models_(std::move(models)), work_(work), nameModels_(nameModels) {}

bool ItemRunner::runInput(size_t index, ProgressSink& progress) {
    if (counts_.ended())
        return false;
    const BatchInput& input = inputs_.at(index);
    const int total = static_cast<int>(inputs_.size() * models_.size());
    for (size_t m = 0; m < models_.size(); ++m) {
        BatchModel& model = models_[m];
        progress.report(static_cast<int>(index * models_.size() + m), total,
                        nameModels_ ? input.path + " with " + model.name : input.path);
        if (progress.isCancelRequested()) {
            counts_.cancelled = true;
            return false;
        }
        if (work_.isDone(input, model)) {
            ++counts_.skipped;
            work_.skipped(input, model);
            continue;
        }
        runItem(input, model, progress);
        if (counts_.ended())
            return false;
    }
    work_.inputFinished(input);
    return true;
}

const ItemCounts& ItemRunner::runAll(ProgressSink& progress) {
    size_t finished = 0;
    for (size_t i = 0; i < inputs_.size() && runInput(i, progress); ++i)
        finished = i + 1;
    const std::string end = counts_.stoppedBecause.empty() ? "done" : "stopped";
    progress.report(
        static_cast<int>(finished * models_.size()), static_cast<int>(inputs_.size() * models_.size()),
        counts_.skipped ? end + " (" + std::to_string(counts_.skipped) + " already done before)" : end);
    return counts_;
}

void ItemRunner::runItem(const BatchInput& input, BatchModel& model, ProgressSink& progress) {
    const std::string which = nameModels_ ? " (model " + model.name + ")" : std::string();
    auto fail = [&](const std::string& message) {
        lastError_ = message + which;
        ++counts_.failed;
        counts_.errors.push_back(lastError_);
        progress.itemFailed(lastError_);
        work_.failed(input, model, lastError_);
    };
    try {
        work_.compute(input, model, progress);
        ++counts_.done;
    } catch (const ForwardTimeoutError& e) {
        fail(e.what());
        afterOverrun(model);
    } catch (const std::bad_alloc&) {
        fail(input.path + ": not enough memory to process this input");
    } catch (const std::exception& e) {
        fail(namingInput(input.path, e.what()));
    }
}

void ItemRunner::afterOverrun(BatchModel& model) {
    if (overrunForwardsRunning() >= kMaxOverrunForwards) {
        counts_.stoppedBecause = "plugin '" + model.name + "' overran its --timeout on " +
                                 std::to_string(overrunForwardsRunning()) +
                                 " inputs whose passes are still running; stopped (finished results are "
                                 "kept: the same command resumes)";
        return;
    }
    try {
        model.plugin = model.plugin->reloaded();  // the overrun pass still holds the old module
    } catch (const std::exception& e) {
        counts_.stoppedBecause = "cannot load " + model.name + " again after a timeout: " + e.what();
    }
}

}  // namespace filterscope

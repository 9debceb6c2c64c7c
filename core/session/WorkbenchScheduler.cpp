#include "session/WorkbenchScheduler.h"

#include "common/Error.h"
#include "plugin/MapAvailability.h"
#include "session/ComputeInputResult.h"

#include <QFileInfo>

#include <memory>

namespace filterscope {

WorkbenchScheduler::WorkbenchScheduler(WorkbenchDocument& document, SelectionModel& selection,
                                       BackgroundTasks& tasks, QObject* parent)
    : QObject(parent), document_(document), selection_(selection), tasks_(tasks) {}

void WorkbenchScheduler::loadPlugin(const QString& directory, int slot, const QString& variant) {
    auto loaded = std::make_shared<std::shared_ptr<const ModelPlugin>>();
    const std::string dir = directory.toStdString(), v = variant.toStdString();
    const DevicePreference device = device_;
    TaskSpec spec;
    spec.title = "loading plugin " + dir;
    spec.priority = TaskPriority::Asked;
    spec.run = [loaded, dir, v, device](ProgressSink& sink) {
        sink.report(0, 1, "loading plugin " + dir);
        *loaded = ModelPlugin::load(dir, device, v);
    };
    spec.finished = [this, loaded, slot](const TaskOutcome& out) {
        if (out.cancelled)
            return;
        if (!out.error.empty()) {
            Q_EMIT document_.errorOccurred(QString::fromStdString(out.error));
            return;
        }
        document_.setPlugin(slot, *loaded);
        if (slot == 0) {
            const ModelPlugin& p = **loaded;
            std::vector<std::string> stages = p.gridStages();
            stages.insert(stages.end(), p.crossAttentionStages().begin(), p.crossAttentionStages().end());
            selection_.adoptPlugin(stages, p.crossAttentionStages(), offeredMaps(p));
        }
        const QString input = requestedInput_.isEmpty() ? document_.currentInput() : requestedInput_;
        if (!input.isEmpty())
            scheduleRuns(input);
        Q_EMIT document_.resultsChanged();
    };
    tasks_.submit(std::move(spec));
}

void WorkbenchScheduler::openInput(const QString& path) {
    document_.addInput(path);
    requestedInput_ = path;
    if (!document_.plugin(0)) {
        document_.setCurrentInput(path);
        return;
    }
    scheduleRuns(path);
}

void WorkbenchScheduler::cancel() {
    tasks_.cancelAll();
}

void WorkbenchScheduler::scheduleRuns(const QString& input) {
    bool ready = true;
    for (int slot = 0; slot < WorkbenchDocument::kSlots; ++slot) {
        const auto plugin = document_.plugin(slot);
        if (!plugin || document_.hasResult(slot, input) || document_.knownFailure(slot, input))
            continue;  // a known failure is shown again, not run again, until the file changes
        ready = false;
        const auto key = std::make_pair(plugin->identity(), input.toStdString());
        if (!running_.insert(key).second)
            continue;  // already on its way
        auto result = std::make_shared<std::shared_ptr<const InputResult>>();
        const bool half = halfAttention_;
        const std::string path = input.toStdString();
        TaskSpec spec;
        spec.title = "running " + plugin->id() + " on " + QFileInfo(input).fileName().toStdString();
        spec.priority = TaskPriority::Shown;
        spec.run = [plugin, path, half, result](ProgressSink& sink) {
            *result = std::make_shared<InputResult>(computeInputResult(*plugin, path, sink, half));
        };
        spec.finished = [this, plugin, slot, input, key, result](const TaskOutcome& out) {
            running_.erase(key);
            if (out.cancelled)
                return;
            if (!out.error.empty()) {
                // Kept with the input and shown in place; the failed input becomes current when it is the
                // one asked for, so no view goes on showing the previous input's result under its name.
                const bool current = slot == 0 && input == requestedInput_;
                document_.fileError(slot, plugin, input,
                                    QString::fromStdString(namingInput(input.toStdString(), out.error)),
                                    current);
                return;
            }
            document_.fileResult(slot, plugin, input, *result, slot == 0);
        };
        tasks_.submit(std::move(spec));
    }
    if (ready && input != document_.currentInput()) {  // cached: switch at once, no model run
        document_.setCurrentInput(input);
        Q_EMIT document_.resultsChanged();
    }
}

}  // namespace filterscope

#pragma once

#include "contract/DevicePreference.h"
#include "session/SelectionModel.h"
#include "session/WorkbenchDocument.h"
#include "tasks/BackgroundTasks.h"

#include <QObject>
#include <QString>

#include <set>
#include <string>
#include <utility>

namespace filterscope {

// The workbench's scheduling: loading plugins and running inputs as background tasks (the model lane),
// the input the user opened ahead of background work, each (plugin, input) run once at a time, and the
// outcomes filed into the document on the GUI thread. A failed run is kept with its input; a plugin that
// does not load leaves what was loaded before.
class WorkbenchScheduler : public QObject {
    Q_OBJECT
public:
    WorkbenchScheduler(WorkbenchDocument& document, SelectionModel& selection, BackgroundTasks& tasks,
                       QObject* parent = nullptr);

    void setDevice(DevicePreference device) { device_ = device; }
    DevicePreference device() const { return device_; }
    // Keep attention of new results in float16 (half the memory of the biggest captures).
    void setHalfAttention(bool half) { halfAttention_ = half; }
    bool halfAttention() const { return halfAttention_; }
    // `variant`: one of an "llm" plugin's variants by name; empty for the manifest's default.
    void loadPlugin(const QString& directory, int slot = 0, const QString& variant = QString());
    // Becomes current once the primary plugin ran on it (at once when its results are cached).
    void openInput(const QString& path);
    void cancel();  // every background task; a running forward pass ends first
    bool isBusy() const { return tasks_.isBusy(); }

private:
    void scheduleRuns(const QString& input);

    WorkbenchDocument& document_;
    SelectionModel& selection_;
    BackgroundTasks& tasks_;
    DevicePreference device_ = DevicePreference::Auto;
    bool halfAttention_ = false;
    QString requestedInput_;
    std::set<std::pair<std::string, std::string>> running_;  // (plugin identity, input) submitted, not filed
};

}  // namespace filterscope

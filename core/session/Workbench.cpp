#include "session/Workbench.h"

namespace filterscope {

Workbench::Workbench(QObject* parent)
    : QObject(parent),
      maps_(document_, selection_),
      tasks_(std::make_unique<BackgroundTasks>()),
      scheduler_(std::make_unique<WorkbenchScheduler>(document_, selection_, *tasks_)),
      faithfulness_(std::make_unique<FaithfulnessRequests>(document_, selection_, maps_, *tasks_)) {
    selection_.setRules(&maps_);
    // What the running work holds (a dataset probe's passes) counts against the result cache's budget.
    connect(tasks_.get(), &BackgroundTasks::tasksChanged, &document_,
            [this] { document_.setHeldBytes(tasks_->heldBytes()); });
}

Workbench::~Workbench() {
    tasks_.reset();  // cancels and joins first: no task outlives what its callbacks file into
}

}  // namespace filterscope

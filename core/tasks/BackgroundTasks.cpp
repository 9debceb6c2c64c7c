#include "tasks/BackgroundTasks.h"

#include <QMetaObject>

namespace filterscope {

// Queued onto the adapter's thread; Qt drops what is still queued once the adapter is gone.
class BackgroundTasks::Dispatcher final : public TaskDispatcher {
public:
    explicit Dispatcher(QObject* target) : target_(target) {}
    void post(std::function<void()> callback) override {
        QMetaObject::invokeMethod(target_, std::move(callback), Qt::QueuedConnection);
    }

private:
    QObject* target_;
};

BackgroundTasks::BackgroundTasks(QObject* parent)
    : QObject(parent),
      dispatcher_(std::make_unique<Dispatcher>(this)),
      service_(std::make_unique<TaskService>(*dispatcher_)) {
    service_->setChangeObserver([this] { onChanged(); });
}

BackgroundTasks::~BackgroundTasks() {
    service_.reset();  // joins the workers while the dispatcher still exists
}

TaskId BackgroundTasks::submit(TaskSpec spec) {
    auto finished = std::move(spec.finished);
    spec.finished = [this, finished = std::move(finished)](const TaskOutcome& outcome) {
        if (finished)
            finished(outcome);  // may submit more: busy stays on without a gap
        if (--outstanding_ == 0)
            Q_EMIT busyChanged(false);
    };
    if (outstanding_++ == 0)
        Q_EMIT busyChanged(true);
    return service_->submit(std::move(spec));
}

void BackgroundTasks::cancelAll() {
    const bool busy = isBusy();
    service_->cancelAll();
    if (busy)
        Q_EMIT cancelRequested();
}

void BackgroundTasks::onChanged() {
    Q_EMIT tasksChanged();
    for (const TaskInfo& t : service_->snapshot())
        if (t.running) {
            Q_EMIT progressChanged(t.done, t.total, QString::fromStdString(t.message));
            return;
        }
}

}  // namespace filterscope

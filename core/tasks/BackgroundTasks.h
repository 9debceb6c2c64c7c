#pragma once

#include "tasks/TaskService.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace filterscope {

// The Qt side of the TaskService: callbacks arrive on this object's thread (the GUI thread), and its
// signals tell the status widget what runs, how far it got and what waits. Busy until the last submitted
// task's `finished` has run, so a caller that waits for !isBusy() finds every outcome already filed.
class BackgroundTasks : public QObject {
    Q_OBJECT
public:
    explicit BackgroundTasks(QObject* parent = nullptr);
    ~BackgroundTasks() override;  // cancels everything and waits for the running tasks

    TaskId submit(TaskSpec spec);
    void cancel(TaskId id) { service_->cancel(id); }
    void cancelGroup(const std::string& group) { service_->cancelGroup(group); }
    // Every task, waiting or running (Cancel in the status bar, Esc).
    void cancelAll();
    bool isBusy() const { return outstanding_ > 0; }
    int outstanding() const { return outstanding_; }  // submitted and not yet finished
    std::vector<TaskInfo> tasks() const { return service_->snapshot(); }
    size_t heldBytes() const { return service_->heldBytes(); }

Q_SIGNALS:
    void busyChanged(bool busy);
    void tasksChanged();  // a task was submitted, started, reported or ended
    // The first running task's last report (the model lane's when it has one).
    void progressChanged(int done, int total, const QString& message);
    void cancelRequested();  // cancelAll while something ran: a forward pass runs to its end first

private:
    class Dispatcher;
    void onChanged();

    std::unique_ptr<Dispatcher> dispatcher_;
    std::unique_ptr<TaskService> service_;
    int outstanding_ = 0;
};

}  // namespace filterscope

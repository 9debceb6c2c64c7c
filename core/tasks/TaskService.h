#pragma once

#include "tasks/TaskSpec.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace filterscope {

// Hands a callback to the thread that owns the work (the GUI thread's event loop through the Qt adapter;
// a test may run it at once). A task's `finished` and the service's change notices go through it.
class TaskDispatcher {
public:
    virtual ~TaskDispatcher() = default;
    virtual void post(std::function<void()> callback) = 0;
};

// Every piece of long work of a front end runs here (Qt-free; core/tasks/BackgroundTasks adapts it to
// Qt). One worker thread per lane; in a lane the highest priority waiting task starts first, in the order
// submitted. A task reports progress and polls for cancellation through its TaskContext; cancelling a
// waiting task drops it, a running one is asked to stop at its next step. The destructor cancels
// everything and waits for the running tasks (a forward pass that never returns keeps it waiting: a
// front end that may meet one ends the process instead, see app/gui/main.cpp).
class TaskService {
public:
    explicit TaskService(TaskDispatcher& dispatcher);
    ~TaskService();
    TaskService(const TaskService&) = delete;
    TaskService& operator=(const TaskService&) = delete;

    TaskId submit(TaskSpec spec);
    void cancel(TaskId id);
    void cancelGroup(const std::string& group);  // every task of the group, waiting or running
    void cancelAll();
    // Running tasks first (by lane), then the waiting ones in the order they will start.
    std::vector<TaskInfo> snapshot() const;
    bool isIdle() const;
    size_t heldBytes() const;  // memory the running tasks said they hold (TaskContext::holding)
    // Called (through the dispatcher) whenever a task is submitted, starts, reports or ends.
    void setChangeObserver(std::function<void()> observer);

private:
    struct Entry;
    class Context;
    void workerLoop(TaskLane lane);
    std::shared_ptr<Entry> takeNext(TaskLane lane, std::unique_lock<std::mutex>& lock);
    void notifyChanged();

    TaskDispatcher& dispatcher_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::shared_ptr<Entry>> waiting_;
    std::vector<std::shared_ptr<Entry>> running_;
    std::function<void()> observer_;
    TaskId nextId_ = 1;
    bool stopping_ = false;
    bool changePending_ = false;  // one change notice in flight at a time: progress cannot flood the owner
    std::vector<std::thread> workers_;
};

}  // namespace filterscope

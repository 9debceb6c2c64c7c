#include "tasks/TaskService.h"

#include <algorithm>
#include <atomic>
#include <new>

namespace filterscope {

struct TaskService::Entry {
    TaskSpec spec;
    TaskInfo info;
    std::atomic<bool> cancelled{false};
};

// The running task's view of the service: its reports land in its TaskInfo, under the service's lock.
class TaskService::Context final : public ProgressSink {
public:
    Context(TaskService& service, Entry& entry) : service_(service), entry_(entry) {}
    void report(int done, int total, const std::string& message) override {
        {
            std::lock_guard<std::mutex> lock(service_.mutex_);
            entry_.info.done = done;
            entry_.info.total = total;
            entry_.info.message = message;
        }
        service_.notifyChanged();
    }
    bool isCancelRequested() const override { return entry_.cancelled.load(); }
    void holding(size_t bytes) override {
        {
            std::lock_guard<std::mutex> lock(service_.mutex_);
            entry_.info.heldBytes = bytes;
        }
        service_.notifyChanged();
    }

private:
    TaskService& service_;
    Entry& entry_;
};

TaskService::TaskService(TaskDispatcher& dispatcher) : dispatcher_(dispatcher) {
    for (TaskLane lane : {TaskLane::Model, TaskLane::Files})
        workers_.emplace_back([this, lane] { workerLoop(lane); });
}

TaskService::~TaskService() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        waiting_.clear();  // nobody is left to tell: the owner is going
        for (const auto& e : running_)
            e->cancelled.store(true);
    }
    wake_.notify_all();
    for (std::thread& t : workers_)
        t.join();
}

void TaskService::setChangeObserver(std::function<void()> observer) {
    std::lock_guard<std::mutex> lock(mutex_);
    observer_ = std::move(observer);
}

TaskId TaskService::submit(TaskSpec spec) {
    auto entry = std::make_shared<Entry>();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        entry->info.id = nextId_++;
        entry->info.title = spec.title;
        entry->info.message = spec.title;
        entry->info.group = spec.group;
        entry->info.lane = spec.lane;
        entry->info.priority = spec.priority;
        entry->spec = std::move(spec);
        waiting_.push_back(entry);
    }
    wake_.notify_all();
    notifyChanged();
    return entry->info.id;
}

void TaskService::cancel(TaskId id) {
    std::vector<std::shared_ptr<Entry>> dropped;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (auto it = waiting_.begin(); it != waiting_.end();)
            if ((*it)->info.id == id) {
                dropped.push_back(*it);
                it = waiting_.erase(it);
            } else {
                ++it;
            }
        for (const auto& e : running_)
            if (e->info.id == id) {
                e->cancelled.store(true);
                e->info.cancelRequested = true;
            }
    }
    for (const auto& e : dropped)
        if (e->spec.finished)
            dispatcher_.post([e] { e->spec.finished({e->info.id, true, {}}); });
    notifyChanged();
}

void TaskService::cancelGroup(const std::string& group) {
    std::vector<TaskId> ids;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& e : waiting_)
            if (e->info.group == group)
                ids.push_back(e->info.id);
        for (const auto& e : running_)
            if (e->info.group == group)
                ids.push_back(e->info.id);
    }
    for (TaskId id : ids)
        cancel(id);
}

void TaskService::cancelAll() {
    std::vector<TaskId> ids;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& e : running_)
            ids.push_back(e->info.id);
        for (const auto& e : waiting_)
            ids.push_back(e->info.id);
    }
    for (TaskId id : ids)
        cancel(id);
}

std::vector<TaskInfo> TaskService::snapshot() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<TaskInfo> out;
    for (const auto& e : running_)
        out.push_back(e->info);
    std::sort(out.begin(), out.end(), [](const TaskInfo& a, const TaskInfo& b) { return a.lane < b.lane; });
    std::vector<TaskInfo> waiting;
    for (const auto& e : waiting_)
        waiting.push_back(e->info);
    // The order they will start in: by priority, then as submitted (stable), lanes interleaved.
    std::stable_sort(waiting.begin(), waiting.end(),
                     [](const TaskInfo& a, const TaskInfo& b) { return a.priority < b.priority; });
    out.insert(out.end(), waiting.begin(), waiting.end());
    return out;
}

bool TaskService::isIdle() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return waiting_.empty() && running_.empty();
}

size_t TaskService::heldBytes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    size_t sum = 0;
    for (const auto& e : running_)
        sum += e->info.heldBytes;
    return sum;
}

std::shared_ptr<TaskService::Entry> TaskService::takeNext(TaskLane lane, std::unique_lock<std::mutex>&) {
    auto best = waiting_.end();
    for (auto it = waiting_.begin(); it != waiting_.end(); ++it)
        if ((*it)->info.lane == lane &&
            (best == waiting_.end() || (*it)->info.priority < (*best)->info.priority))
            best = it;
    if (best == waiting_.end())
        return nullptr;
    auto entry = *best;
    waiting_.erase(best);
    entry->info.running = true;
    running_.push_back(entry);
    return entry;
}

void TaskService::workerLoop(TaskLane lane) {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        std::shared_ptr<Entry> entry;
        wake_.wait(lock, [&] { return stopping_ || (entry = takeNext(lane, lock)) != nullptr; });
        if (!entry)
            return;  // stopping, nothing of this lane running
        lock.unlock();
        notifyChanged();
        TaskOutcome outcome{entry->info.id, false, {}};
        Context context(*this, *entry);
        try {
            if (entry->cancelled.load())
                throw CancelledError();
            entry->spec.run(context);
        } catch (const CancelledError&) {
            outcome.cancelled = true;
        } catch (const std::bad_alloc&) {
            outcome.error = "not enough memory";
        } catch (const std::exception& e) {
            outcome.error = e.what();
        }
        lock.lock();
        running_.erase(std::find(running_.begin(), running_.end(), entry));
        const bool stopping = stopping_;
        lock.unlock();
        if (!stopping && entry->spec.finished)
            dispatcher_.post([entry, outcome] { entry->spec.finished(outcome); });
        notifyChanged();
        lock.lock();
    }
}

void TaskService::notifyChanged() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!observer_ || changePending_ || stopping_)
            return;
        changePending_ = true;
    }
    dispatcher_.post([this] {
        std::function<void()> observer;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            changePending_ = false;
            observer = observer_;
        }
        if (observer)
            observer();
    });
}

}  // namespace filterscope

#pragma once

#include "common/ProgressSink.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace filterscope {

using TaskId = uint64_t;

// Where a task runs. Each lane has one worker: forward passes take every core and most of the memory, so
// they run one at a time; reading, hashing, painting and writing files go beside them.
enum class TaskLane { Model, Files };

// In a lane, lower runs first: the input on screen before what the user asked for explicitly, and both
// before background work (thumbnails, a dataset probe's items).
enum class TaskPriority { Shown = 0, Asked = 1, Background = 2 };

// How a task ended. `error` is one line naming what it was about (the service adds nothing to it but
// "not enough memory" for std::bad_alloc).
struct TaskOutcome {
    TaskId id = 0;
    bool cancelled = false;
    std::string error;
    bool ok() const { return !cancelled && error.empty(); }
};

struct TaskSpec {
    std::string title;  // "running demo-vit-llama on astronaut.png": what the status shows while it waits
    std::string group;  // cancelled together (a dataset probe's items); may be empty
    TaskLane lane = TaskLane::Model;
    TaskPriority priority = TaskPriority::Asked;
    // On the lane's worker, with progress, cancellation and memory held reported through the sink (so
    // core's long work takes it as it is). Throws to fail (CancelledError when it saw the cancel request).
    std::function<void(ProgressSink&)> run;
    // Through the dispatcher, on the owner's thread; also for a task cancelled before it started.
    std::function<void(const TaskOutcome&)> finished;
};

// A task as the status shows it.
struct TaskInfo {
    TaskId id = 0;
    std::string title, group;
    TaskLane lane = TaskLane::Model;
    TaskPriority priority = TaskPriority::Asked;
    bool running = false;
    bool cancelRequested = false;
    int done = 0, total = 0;  // its last report
    std::string message;      // its last report's message (the title until it reports)
    size_t heldBytes = 0;
};

}  // namespace filterscope

#pragma once

#include "common/Error.h"

#include <functional>
#include <string>

namespace filterscope {

// A plugin's forward pass did not return in time. The input is skipped; the pass itself goes on running
// (see runWithinDeadline).
class ForwardTimeoutError : public Error {
public:
    explicit ForwardTimeoutError(const std::string& message) : Error(message) {}
};

// Runs `work` and waits at most `seconds` for it (`seconds` <= 0: no limit, runs on this thread). A
// TorchScript forward cannot be interrupted from outside, so a pass that overruns is not stopped: it is
// left running on its own thread and ForwardTimeoutError(`timeoutMessage`) is thrown here, so the batch
// goes on. `work` must therefore own everything it touches (capture shared_ptrs and copies, never
// references to the caller's stack). Exceptions from `work` are rethrown here when it finishes in time.
void runWithinDeadline(double seconds, std::function<void()> work, const std::string& timeoutMessage);

// How many overrun passes are still running. While any is, the process must not run its static
// destructors under them: the CLI ends with std::_Exit after flushing its output.
int overrunForwardsRunning();

// A batch stops (keeping what it finished) when this many overrun passes are still running: each holds a
// core and a copy of the model.
constexpr int kMaxOverrunForwards = 3;

}  // namespace filterscope

#include "pipeline/ForwardDeadline.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

namespace filterscope {
namespace {

std::atomic<int> overrunning{0};

// What the waiting caller and the worker share; it lives as long as either holds it.
struct PassState {
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    bool abandoned = false;
    std::exception_ptr error;
};

}  // namespace

void runWithinDeadline(double seconds, std::function<void()> work, const std::string& timeoutMessage) {
    if (!(seconds > 0)) {
        work();
        return;
    }
    auto state = std::make_shared<PassState>();
    std::thread([state, work = std::move(work)] {
        std::exception_ptr error;
        try {
            work();
        } catch (...) {
            error = std::current_exception();
        }
        const std::lock_guard<std::mutex> lock(state->mutex);
        state->error = error;
        state->done = true;
        if (state->abandoned)
            --overrunning;
        state->finished.notify_all();
    }).detach();
    std::unique_lock<std::mutex> lock(state->mutex);
    if (!state->finished.wait_for(lock, std::chrono::duration<double>(seconds),
                                  [&] { return state->done; })) {
        state->abandoned = true;
        ++overrunning;
        throw ForwardTimeoutError(timeoutMessage);
    }
    if (state->error)
        std::rethrow_exception(state->error);
}

int overrunForwardsRunning() {
    return overrunning.load();
}

}  // namespace filterscope

#pragma once

#include "common/ProgressSink.h"

#include <atomic>
#include <chrono>

namespace filterscope {

// Progress lines on stderr: "[3/10] 2.1 inputs/s, ETA 3 s: photo.png". Cancelled by Ctrl-C (SIGINT),
// which lets the current input finish so nothing written is lost; a second Ctrl-C exits at once.
class StderrProgress final : public ProgressSink {
public:
    explicit StderrProgress(bool quiet);
    void report(int done, int total, const std::string& message) override;
    bool isCancelRequested() const override;
    void itemFailed(const std::string& message) override;
    void note(const std::string& message) override;

    static void installInterruptHandler();

private:
    bool quiet_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace filterscope

#pragma once

#include "common/Error.h"

#include <cstddef>
#include <string>

namespace filterscope {

// Thrown by long work when its sink asked to stop; no partial result is kept.
class CancelledError : public Error {
public:
    CancelledError() : Error("cancelled") {}
};

// Qt-free progress and cancellation channel for long work in core (CCCoreLib's pattern). The CLI prints
// it to stderr, the GUI adapts it to its progress bar; core never knows which.
class ProgressSink {
public:
    virtual ~ProgressSink() = default;
    // done/total items finished so far; message says what is being worked on now.
    virtual void report(int done, int total, const std::string& message) = 0;
    virtual bool isCancelRequested() const { return false; }
    // An item of the work failed and was skipped; the work goes on. One line naming the item and problem.
    virtual void itemFailed(const std::string& /*message*/) {}
    // Something the user should know that is not a failure (e.g. a fallback that was taken).
    virtual void note(const std::string& /*message*/) {}
    // How much memory the work holds now (0 when it let go): a front end counts it against its budget.
    virtual void holding(size_t /*bytes*/) {}
};

// For callers that want neither progress nor cancellation.
class NullProgressSink final : public ProgressSink {
public:
    void report(int, int, const std::string&) override {}
};

}  // namespace filterscope

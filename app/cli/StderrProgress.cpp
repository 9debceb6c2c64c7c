#include "StderrProgress.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace filterscope {
namespace {

volatile std::sig_atomic_t g_interrupts = 0;

void onInterrupt(int) {
    g_interrupts = g_interrupts + 1;
    if (g_interrupts > 1)
        std::_Exit(130);
}

}  // namespace

StderrProgress::StderrProgress(bool quiet) : quiet_(quiet), start_(std::chrono::steady_clock::now()) {}

void StderrProgress::installInterruptHandler() {
    std::signal(SIGINT, onInterrupt);
}

bool StderrProgress::isCancelRequested() const {
    return g_interrupts > 0;
}

void StderrProgress::itemFailed(const std::string& message) {
    std::fprintf(stderr, "error: %s\n", message.c_str());
}

void StderrProgress::note(const std::string& message) {
    if (!quiet_)
        std::fprintf(stderr, "note: %s\n", message.c_str());
}

void StderrProgress::report(int done, int total, const std::string& message) {
    if (quiet_ || done >= total)
        return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (done == 0 || seconds <= 0) {
        std::fprintf(stderr, "[%d/%d] %s\n", done + 1, total, message.c_str());
        return;
    }
    const double rate = done / seconds;
    const double eta = (total - done) / rate;
    std::fprintf(stderr, "[%d/%d] %.2f inputs/s, ETA %.0f s: %s\n", done + 1, total, rate, eta,
                 message.c_str());
}

}  // namespace filterscope

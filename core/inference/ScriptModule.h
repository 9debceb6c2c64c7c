#pragma once

#include "array/FloatArray.h"
#include "capture/CaptureSet.h"
#include "contract/DevicePreference.h"
#include "inference/RelevanceTarget.h"

#include <memory>
#include <string>

namespace filterscope {

// A TorchScript module whose forward(x) returns Dict[str, Tensor]. This class and its .cpp are the only
// place core includes Torch headers: everything else sees FloatArray and CaptureSet.
class ScriptModule {
public:
    // Throws Error naming the file when it cannot be loaded, or when CUDA is asked for but absent.
    static std::unique_ptr<ScriptModule> load(const std::string& file, DevicePreference device);
    ~ScriptModule();

    // Runs forward() without autograd and copies every returned tensor to a float32 CPU array.
    CaptureSet forward(const FloatArray& input) const;
    std::string deviceName() const;
    const std::string& file() const { return file_; }

    struct GradientRun {
        CaptureSet captures;
        CaptureSet gradients;          // d target / d capture for every attn.* and xattn.* key that has one
        std::string targetText;        // e.g. "top logit 3 = 1.25"
        std::string targetNote;        // set when the requested target does not exist: why, and what instead
        std::string noGradientReason;  // set when no attention capture has a gradient (or no target exists)
    };
    // Runs forward() with autograd on and differentiates a target with respect to every attention
    // capture. The target is the requested one when the captures have it; otherwise the top logit, else the
    // norm over all queries of the last [1,M,C] capture; when none exists the run has no gradients and
    // noGradientReason says so. Never fails for want of a target: the captures are returned either way.
    GradientRun forwardWithGradients(const FloatArray& input, const RelevanceTarget& target) const;

private:
    ScriptModule();
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string file_;
};

// True when the LibTorch this binary links can use a CUDA device right now.
bool cudaAvailable();

}  // namespace filterscope

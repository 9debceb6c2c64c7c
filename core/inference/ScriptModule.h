#pragma once

#include "array/FloatArray.h"
#include "capture/CaptureSet.h"

#include <memory>
#include <string>

namespace filterscope {

enum class DevicePreference { Auto, Cpu, Cuda };

DevicePreference parseDevicePreference(const std::string& text);  // "auto" | "cpu" | "cuda"

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

    // The scalar whose gradient gradient-weighted relevance explains.
    struct GradientTarget {
        enum class Kind { TopLogit, Logit, QueryNorm } kind = Kind::TopLogit;
        int index = 0;      // logit index, or query index for QueryNorm
        std::string stage;  // QueryNorm: the query stage whose output norm is the target
    };
    struct GradientRun {
        CaptureSet captures;
        CaptureSet gradients;          // d target / d capture for every attn.* and xattn.* key that has one
        std::string targetText;        // e.g. "logit 3 = 1.25"
        std::string noGradientReason;  // set when no attention capture has a gradient
    };
    // Runs forward() with autograd on and differentiates the target with respect to every attention
    // capture. Throws Error naming the file when the target does not exist.
    GradientRun forwardWithGradients(const FloatArray& input, const GradientTarget& target) const;

private:
    ScriptModule();
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string file_;
};

// True when the LibTorch this binary links can use a CUDA device right now.
bool cudaAvailable();

}  // namespace filterscope

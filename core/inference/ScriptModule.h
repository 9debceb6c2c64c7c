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

private:
    ScriptModule();
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string file_;
};

// True when the LibTorch this binary links can use a CUDA device right now.
bool cudaAvailable();

}  // namespace filterscope

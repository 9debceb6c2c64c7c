#include "inference/ScriptModule.h"

#include "common/Error.h"

#include <torch/cuda.h>
#include <torch/script.h>

#include <mutex>

namespace filterscope {

struct ScriptModule::Impl {
    torch::jit::Module module;
    torch::Device device{torch::kCPU};
    // One forward at a time per module: TorchScript modules are not documented as re-entrant.
    mutable std::mutex mutex;
};

bool cudaAvailable() {
    return torch::cuda::is_available();
}

DevicePreference parseDevicePreference(const std::string& text) {
    if (text == "auto")
        return DevicePreference::Auto;
    if (text == "cpu")
        return DevicePreference::Cpu;
    if (text == "cuda")
        return DevicePreference::Cuda;
    throw Error("unknown device \"" + text + "\": use auto, cpu or cuda");
}

ScriptModule::ScriptModule() : impl_(std::make_unique<Impl>()) {}
ScriptModule::~ScriptModule() = default;

std::unique_ptr<ScriptModule> ScriptModule::load(const std::string& file, DevicePreference device) {
    std::unique_ptr<ScriptModule> m(new ScriptModule());
    m->file_ = file;
    const bool cuda = cudaAvailable();
    if (device == DevicePreference::Cuda && !cuda)
        throw Error(file + ": CUDA was requested, but this LibTorch build has no usable CUDA device");
    m->impl_->device = (device != DevicePreference::Cpu && cuda) ? torch::Device(torch::kCUDA, 0)
                                                                 : torch::Device(torch::kCPU);
    try {
        m->impl_->module = torch::jit::load(file, m->impl_->device);
        m->impl_->module.eval();
    } catch (const c10::Error& e) {
        throw Error(file + ": not a loadable TorchScript module: " + e.what_without_backtrace());
    } catch (const std::exception& e) {
        throw Error(file + ": not a loadable TorchScript module: " + e.what());
    }
    return m;
}

std::string ScriptModule::deviceName() const {
    return impl_->device.str();
}

namespace {

FloatArray toFloatArray(const at::Tensor& t) {
    const at::Tensor cpu = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    std::vector<int64_t> shape(cpu.sizes().begin(), cpu.sizes().end());
    const float* p = cpu.data_ptr<float>();
    return FloatArray(shape, std::vector<float>(p, p + cpu.numel()));
}

}  // namespace

CaptureSet ScriptModule::forward(const FloatArray& input) const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    c10::InferenceMode inferenceMode;
    at::Tensor x = torch::from_blob(const_cast<float*>(input.data.data()), input.shape, torch::kFloat32)
                       .to(impl_->device);
    c10::IValue out;
    try {
        out = impl_->module.forward({x});
    } catch (const c10::Error& e) {
        throw Error(file_ + ": forward() failed on input " + input.shapeString() + ": " +
                    e.what_without_backtrace());
    } catch (const std::exception& e) {
        throw Error(file_ + ": forward() failed on input " + input.shapeString() + ": " + e.what());
    }
    if (!out.isGenericDict())
        throw Error(file_ + ": forward() must return Dict[str, Tensor] of captures, but returned " +
                    out.tagKind());
    CaptureSet captures;
    for (const auto& item : out.toGenericDict()) {
        if (!item.key().isString())
            throw Error(file_ + ": forward() returned a dict whose keys are not strings");
        const std::string key = item.key().toStringRef();
        if (!item.value().isTensor())
            throw Error(file_ + ": capture '" + key + "' is a " + item.value().tagKind() + ", not a Tensor");
        captures.add(key, toFloatArray(item.value().toTensor()));
    }
    return captures;
}

}  // namespace filterscope

#include "inference/ScriptModule.h"

#include "common/Error.h"

#include <torch/autograd.h>
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

ScriptModule::GradientRun ScriptModule::forwardWithGradients(const FloatArray& input,
                                                             const GradientTarget& target) const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    torch::AutoGradMode gradients(true);
    at::Tensor x = torch::from_blob(const_cast<float*>(input.data.data()), input.shape, torch::kFloat32)
                       .to(impl_->device);
    c10::IValue out;
    try {
        out = impl_->module.forward({x});
    } catch (const c10::Error& e) {
        throw Error(file_ + ": forward() failed: " + e.what_without_backtrace());
    }
    if (!out.isGenericDict())
        throw Error(file_ + ": forward() must return Dict[str, Tensor] of captures");
    GradientRun run;
    std::vector<std::string> keys;
    std::vector<at::Tensor> attention;
    at::Tensor logits, queryTokens;
    for (const auto& item : out.toGenericDict()) {
        const std::string key = item.key().toStringRef();
        const at::Tensor t = item.value().toTensor();
        run.captures.add(key, toFloatArray(t));
        const CaptureKind kind = CaptureKey::parse(key).kind;
        if ((kind == CaptureKind::Attention || kind == CaptureKind::CrossAttention) && t.requires_grad()) {
            keys.push_back(key);
            attention.push_back(t);
        }
        if (key == "logits")
            logits = t;
        if (target.kind == GradientTarget::Kind::QueryNorm && key == "tokens." + target.stage)
            queryTokens = t;
    }
    at::Tensor scalar;
    if (target.kind == GradientTarget::Kind::QueryNorm) {
        if (!queryTokens.defined() || target.index < 0 || target.index >= queryTokens.size(1))
            throw Error(file_ + ": relevance target: no query " + std::to_string(target.index) +
                        " in 'tokens." + target.stage + "'");
        scalar = queryTokens[0][target.index].norm();
        run.targetText = "norm of query " + std::to_string(target.index) + " at " + target.stage;
    } else {
        if (!logits.defined())
            throw Error(file_ + ": relevance target: the model returns no 'logits'");
        const int64_t k =
            target.kind == GradientTarget::Kind::TopLogit ? logits[0].argmax().item<int64_t>() : target.index;
        if (k < 0 || k >= logits.size(1))
            throw Error(file_ + ": relevance target: logit " + std::to_string(k) + " outside 0.." +
                        std::to_string(logits.size(1) - 1));
        scalar = logits[0][k];
        run.targetText = "logit " + std::to_string(k);
    }
    run.targetText += " = " + std::to_string(scalar.item<double>());
    if (attention.empty() || !scalar.requires_grad()) {
        run.noGradientReason =
            "the model's attention captures carry no gradient (weights frozen or outputs detached)";
        return run;
    }
    std::vector<at::Tensor> grads;
    try {
        grads = torch::autograd::grad({scalar}, attention, {}, /*retain_graph=*/false, /*create_graph=*/false,
                                      /*allow_unused=*/true);
    } catch (const c10::Error& e) {
        run.noGradientReason = std::string("autograd failed: ") + e.what_without_backtrace();
        return run;
    }
    for (size_t i = 0; i < grads.size(); ++i)
        if (grads[i].defined())
            run.gradients.add(keys[i], toFloatArray(grads[i]));
    if (run.gradients.empty())
        run.noGradientReason = "the target does not depend on any attention capture";
    return run;
}

}  // namespace filterscope

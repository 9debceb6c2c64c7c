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

// A capture is copied to float32 on the CPU; one whose shape says more than this is refused before the copy
// (a broken or hostile model returning a 10 GB tensor must give a message, not take the machine's memory).
constexpr int64_t kMaxCaptureElements = int64_t(1) << 30;  // 4 GiB as float32

void checkCaptureSize(const at::Tensor& t, const std::string& file, const std::string& key) {
    if (t.numel() > kMaxCaptureElements)
        throw Error(file + ": capture '" + key + "' has " + std::to_string(t.numel()) + " elements (" +
                    std::to_string(t.numel() * 4 >> 20) + " MiB as float32), more than the " +
                    std::to_string(kMaxCaptureElements >> 20) + " Mi elements a capture may have");
}

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
        checkCaptureSize(item.value().toTensor(), file_, key);
        captures.add(key, toFloatArray(item.value().toTensor()));
    }
    return captures;
}

namespace {

// The target's scalar, or an undefined tensor with `why` saying what is missing.
struct ResolvedTarget {
    at::Tensor scalar;
    std::string text, why;
};

bool isQueryOutput(const at::Tensor& t, int64_t queries) {
    return t.dim() == 3 && t.size(0) == 1 && t.size(1) == queries && t.size(2) >= 1;
}

ResolvedTarget resolveTarget(const RelevanceTarget& target, const c10::Dict<c10::IValue, c10::IValue>& out,
                             int64_t queries) {
    ResolvedTarget r;
    at::Tensor logits;
    if (out.contains(std::string("logits")))
        logits = out.at(std::string("logits")).toTensor();
    const bool logitsUsable =
        logits.defined() && logits.dim() == 2 && logits.size(0) == 1 && logits.size(1) > 0;
    switch (target.kind) {
        case RelevanceTarget::Kind::Default:
            r.why = "no default";
            return r;
        case RelevanceTarget::Kind::TopLogit:
        case RelevanceTarget::Kind::Logit: {
            if (!logitsUsable) {
                r.why = "the model returns no 'logits' [1,K]";
                return r;
            }
            const int64_t k = target.kind == RelevanceTarget::Kind::TopLogit
                                  ? logits[0].argmax().item<int64_t>()
                                  : target.index;
            if (k < 0 || k >= logits.size(1)) {
                r.why = "logit " + std::to_string(k) + " is outside 0.." + std::to_string(logits.size(1) - 1);
                return r;
            }
            r.scalar = logits[0][k];
            r.text = (target.kind == RelevanceTarget::Kind::TopLogit ? "top logit " : "logit ") +
                     std::to_string(k);
            return r;
        }
        case RelevanceTarget::Kind::QueryNorm: {
            std::string key = target.capture;
            if (!out.contains(key))
                key = "tokens." + target.capture;
            if (!out.contains(key)) {
                r.why = "no capture '" + target.capture + "' (nor 'tokens." + target.capture + "')";
                return r;
            }
            const at::Tensor t = out.at(key).toTensor();
            if (!isQueryOutput(t, queries)) {
                r.why = "'" + key + "' is not [1," + std::to_string(queries) + ",C] query outputs";
                return r;
            }
            if (target.index >= queries) {
                r.why = "no query " + std::to_string(target.index) + " in '" + key + "' (" +
                        std::to_string(queries) + " queries)";
                return r;
            }
            r.scalar = target.index < 0 ? t[0].norm() : t[0][target.index].norm();
            r.text = target.index < 0 ? "norm of all " + std::to_string(queries) + " queries of " + key
                                      : "norm of query " + std::to_string(target.index) + " of " + key;
            return r;
        }
    }
    return r;
}

// The default when the requested target does not exist: the top logit, else the norm over all queries of
// the last [1,M,C] capture the model returns (a Q-Former's query embeddings).
ResolvedTarget defaultTarget(const c10::Dict<c10::IValue, c10::IValue>& out, int64_t queries) {
    RelevanceTarget top;
    top.kind = RelevanceTarget::Kind::TopLogit;
    ResolvedTarget r = resolveTarget(top, out, queries);
    if (r.scalar.defined())
        return r;
    std::string last;
    for (const auto& item : out)
        if (item.value().isTensor() && isQueryOutput(item.value().toTensor(), queries))
            last = item.key().toStringRef();
    if (last.empty()) {
        r.why = "the model returns no 'logits' and no [1," + std::to_string(queries) + ",C] query capture";
        return r;
    }
    RelevanceTarget norm;
    norm.kind = RelevanceTarget::Kind::QueryNorm;
    norm.capture = last;
    return resolveTarget(norm, out, queries);
}

}  // namespace

ScriptModule::GradientRun ScriptModule::forwardWithGradients(const FloatArray& input,
                                                             const RelevanceTarget& target) const {
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
    int64_t queries = target.queries;
    const auto dict = out.toGenericDict();
    for (const auto& item : dict) {
        if (!item.key().isString() || !item.value().isTensor())
            throw Error(file_ + ": forward() must return Dict[str, Tensor] of captures");
        const std::string key = item.key().toStringRef();
        const at::Tensor t = item.value().toTensor();
        checkCaptureSize(t, file_, key);
        run.captures.add(key, toFloatArray(t));
        const CaptureKind kind = CaptureKey::parse(key).kind;
        if (kind == CaptureKind::CrossAttention && queries <= 0 && t.dim() == 4)
            queries = t.size(2);
        if ((kind == CaptureKind::Attention || kind == CaptureKind::CrossAttention) && t.requires_grad()) {
            keys.push_back(key);
            attention.push_back(t);
        }
    }
    ResolvedTarget resolved = resolveTarget(target, dict, queries);
    if (!resolved.scalar.defined()) {
        if (target.kind != RelevanceTarget::Kind::Default)
            run.targetNote =
                "requested target " + target.toString() + " does not exist (" + resolved.why + ")";
        resolved = defaultTarget(dict, queries);
    }
    if (!resolved.scalar.defined()) {
        run.noGradientReason = "no relevance target: " + resolved.why;
        return run;
    }
    at::Tensor scalar = resolved.scalar;
    run.targetText = resolved.text;
    if (!run.targetNote.empty())
        run.targetNote += "; used " + resolved.text;
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

#include "inference/LlmVariantModel.h"

#include "checkpoint/SafetensorsFile.h"
#include "common/Error.h"
#include "inference/LlmBlock.h"
#include "intervention/TokenEdit.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace filterscope {
namespace {

at::Tensor toTensor(const FloatArray& a) {
    return at::from_blob(const_cast<float*>(a.data.data()), a.shape, at::kFloat);
}

FloatArray linear(const FloatArray& x, const FloatArray& w, const FloatArray& b) {
    at::Tensor y = at::matmul(toTensor(x), toTensor(w).t());
    if (!b.data.empty())
        y = y + toTensor(b);
    y = y.contiguous();
    const float* p = y.data_ptr<float>();
    return FloatArray(std::vector<int64_t>(y.sizes().begin(), y.sizes().end()),
                      std::vector<float>(p, p + y.numel()));
}

FloatArray rmsNorm(const FloatArray& x, const FloatArray& w, double eps) {
    const at::Tensor t = toTensor(x);
    const at::Tensor y = (toTensor(w) * (t * at::rsqrt(t.pow(2).mean(-1, true) + eps))).contiguous();
    const float* p = y.data_ptr<float>();
    return FloatArray(x.shape, std::vector<float>(p, p + y.numel()));
}

}  // namespace

struct LlmVariantModel::Adapters {
    FloatArray inW, inB, outW, outB, norm;
};

LlmVariantModel::LlmVariantModel() = default;
LlmVariantModel::~LlmVariantModel() = default;

std::unique_ptr<LlmVariantModel> LlmVariantModel::load(const LlmComposition& spec,
                                                       LlmComposition::Variant variant,
                                                       DevicePreference device, const std::string& pluginId) {
    std::unique_ptr<LlmVariantModel> m(new LlmVariantModel());
    m->spec_ = spec;
    m->variant_ = variant;
    m->pluginId_ = pluginId;
    const std::string who = "plugin '" + pluginId + "'";
    if (!spec.tail.empty())
        m->tail_ = ScriptModule::load(spec.tail, device);
    if (variant == LlmComposition::Variant::Baseline)
        return m;

    const auto file = SafetensorsFile::open(spec.adapters);
    auto tensor = [&](const std::string& name, bool required) {
        if (!file->has(name)) {
            if (required)
                throw Error(who + ": " + spec.adapters + " has no tensor '" + name +
                            "' (adapters: in.weight [D,C], out.weight [C,D], biases optional)");
            return FloatArray();
        }
        return file->read(name);
    };
    m->adapters_ = std::make_unique<Adapters>();
    Adapters& a = *m->adapters_;
    a.inW = tensor("in.weight", true);
    a.outW = tensor("out.weight", true);
    a.inB = tensor("in.bias", false);
    a.outB = tensor("out.bias", false);
    a.norm = tensor("norm.weight", false);
    if (a.inW.dim() != 2 || a.outW.dim() != 2 || a.inW.shape[0] != a.outW.shape[1] ||
        a.inW.shape[1] != a.outW.shape[0])
        throw Error(who + ": " + spec.adapters + ": in.weight " + a.inW.shapeString() + " and out.weight " +
                    a.outW.shapeString() + " do not map C → D → C");
    if ((!a.inB.data.empty() && a.inB.shape != std::vector<int64_t>{a.inW.shape[0]}) ||
        (!a.outB.data.empty() && a.outB.shape != std::vector<int64_t>{a.outW.shape[0]}))
        throw Error(who + ": " + spec.adapters + ": a bias does not match its weight");
    if (!a.norm.data.empty() && a.norm.shape != std::vector<int64_t>{a.inW.shape[0]})
        throw Error(who + ": " + spec.adapters + ": norm.weight " + a.norm.shapeString() +
                    " does not match width " + std::to_string(a.inW.shape[0]));
    if (variant == LlmComposition::Variant::Identity)
        return m;

    LlmBlockOptions options;
    options.rope = spec.rope;
    options.causal = spec.causal;
    options.device = device;
    try {
        // The random block needs only the layer's shapes, not its weights.
        const LlmBlock::Config config = LlmBlock::readConfig(spec.checkpoint, spec.layer);
        if (config.hidden != a.inW.shape[0])
            throw Error("the adapters map to width " + std::to_string(a.inW.shape[0]) +
                        ", the LLM layer in " + spec.checkpoint + " has hidden size " +
                        std::to_string(config.hidden));
        m->block_ = variant == LlmComposition::Variant::Random && !spec.storedRandomLayer
                        ? LlmBlock::random(config, spec.seed, options)
                        : LlmBlock::fromCheckpoint(spec.checkpoint, spec.layer, options);
    } catch (const Error& e) {
        throw Error(who + ": " + e.what());
    }
    return m;
}

CaptureSet LlmVariantModel::extend(CaptureSet captures) const {
    return run(std::move(captures), nullptr, 0);
}

CaptureSet LlmVariantModel::extend(CaptureSet captures, const TokenEdit& edit, int prefix) const {
    const std::vector<std::string> stages = editableStages();
    if (std::find(stages.begin(), stages.end(), edit.stage) == stages.end()) {
        std::string list;
        for (const std::string& s : stages)
            list += (list.empty() ? "" : ", ") + s;
        throw Error("plugin '" + pluginId_ + "' cannot edit stage '" + edit.stage +
                    "': a composed (\"llm\") plugin edits the stages it runs itself (" + list + ")");
    }
    return run(std::move(captures), &edit, prefix);
}

std::vector<std::string> LlmVariantModel::editableStages() const {
    std::vector<std::string> s = {spec_.tokensStage};
    if (adapters_) {
        s.push_back("llm.in");
        if (block_)
            s.push_back("llm.block");
        if (!adapters_->norm.data.empty())
            s.push_back("llm.norm");
        s.push_back("llm.out");
    }
    return s;
}

CaptureSet LlmVariantModel::run(CaptureSet captures, const TokenEdit* edit, int prefix) const {
    const std::string key = "tokens." + spec_.tokensStage;
    const FloatArray* tokens = captures.find(key);
    if (!tokens)
        throw Error("plugin '" + pluginId_ + "': the encoder returned no '" + key +
                    "' for the LLM layer (llm.tokens)");
    // The tokens leaving `stage`, edited when the intervention is there (its capture shows the edit).
    const auto leaving = [&](const std::string& stage, FloatArray t) {
        return edit && edit->stage == stage ? applyTokenEdit(t, *edit, prefix) : t;
    };
    FloatArray last = leaving(spec_.tokensStage, *tokens);
    // A key the encoder already returned would be silently replaced: refuse it by name instead.
    auto put = [&](const std::string& k, const FloatArray& v, const char* source) {
        if (captures.find(k))
            throw Error("plugin '" + pluginId_ + "': the encoder returns '" + k + "', which " + source +
                        " returns too");
        captures.add(k, v);
    };
    if (adapters_) {
        const Adapters& a = *adapters_;
        if (last.dim() != 3 || last.shape[2] != a.inW.shape[1])
            throw Error("plugin '" + pluginId_ + "': '" + key + "' is " + last.shapeString() +
                        ", the first adapter takes [1,N," + std::to_string(a.inW.shape[1]) + "]");
        const FloatArray in = leaving("llm.in", linear(last, a.inW, a.inB));
        put("tokens.llm.in", in, "the LLM part");
        FloatArray mid = in;
        if (block_) {
            CaptureSet b = block_->forward(in);
            put("attn.llm.block", b.get("attn.llm.block"), "the LLM part");
            mid = leaving("llm.block", b.get("tokens.llm.block"));
        }
        put("tokens.llm.block", mid, "the LLM part");
        if (!a.norm.data.empty()) {
            mid = leaving("llm.norm", rmsNorm(mid, a.norm, spec_.normEps));
            put("tokens.llm.norm", mid, "the LLM part");
        }
        last = leaving("llm.out", linear(mid, a.outW, a.outB));
        put("tokens.llm.out", last, "the LLM part");
    }
    if (tail_) {
        const CaptureSet t = tail_->forward(last);
        for (const std::string& k : t.keys())
            put(k, t.get(k), "the tail");
    }
    return captures;
}

}  // namespace filterscope

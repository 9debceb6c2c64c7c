#include "inference/LlmBlock.h"

#include "checkpoint/MetaLlamaCheckpoint.h"
#include "checkpoint/SafetensorsFile.h"
#include "common/Error.h"
#include "inference/ScriptModule.h"

#include <torch/script.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <QFileInfo>

#include <cmath>
#include <random>

namespace filterscope {

struct LlmBlock::Weights {
    torch::Device device{torch::kCPU};
    at::Tensor q, k, v, o, gate, up, down, norm1, norm2;
    // OPT: biases of the projections and norms; fc1/fc2 reuse up/down.
    at::Tensor qb, kb, vb, ob, upb, downb, norm1b, norm2b;
};

namespace {

at::Tensor toTensor(const FloatArray& a) {
    return torch::from_blob(const_cast<float*>(a.data.data()), a.shape, torch::kFloat32).clone();
}

FloatArray toArray(const at::Tensor& t) {
    const at::Tensor c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    const float* p = c.data_ptr<float>();
    return FloatArray(std::vector<int64_t>(c.sizes().begin(), c.sizes().end()),
                      std::vector<float>(p, p + c.numel()));
}

at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& w, double eps) {
    return w * (x * torch::rsqrt(x.pow(2).mean(-1, true) + eps));
}

// Hugging Face LLaMA's rotary embedding: rotate_half on [B,H,N,D] with inverse frequencies theta^(-2i/D).
at::Tensor rotary(const at::Tensor& x, double theta) {
    const int64_t n = x.size(2), d = x.size(3);
    const at::Tensor inv = torch::pow(theta, -torch::arange(0, d, 2, torch::kFloat64) / double(d));
    const at::Tensor freqs = torch::outer(torch::arange(n, torch::kFloat64), inv);
    const at::Tensor emb = torch::cat({freqs, freqs}, -1).to(x.device(), torch::kFloat32);
    const at::Tensor x1 = x.slice(-1, 0, d / 2), x2 = x.slice(-1, d / 2, d);
    return x * emb.cos() + torch::cat({-x2, x1}, -1) * emb.sin();
}

// Takes over the array's buffer: a 7B layer's 800 MB of weights are not copied once more.
at::Tensor adopt(FloatArray&& a) {
    auto* buffer = new std::vector<float>(std::move(a.data));
    return torch::from_blob(
        buffer->data(), a.shape, [buffer](void*) { delete buffer; }, torch::kFloat32);
}

void checkShape(const FloatArray& a, const std::vector<int64_t>& shape, const std::string& where,
                const std::string& name, const std::string& source) {
    if (a.shape != shape)
        throw Error(where + ": tensor '" + name + "' has shape " + a.shapeString() + ", " + source +
                    " implies " + shapeToString(shape));
}

at::Tensor checkedTensor(FloatArray a, const std::vector<int64_t>& shape, const std::string& where,
                         const std::string& name, const std::string& source) {
    checkShape(a, shape, where, name, source);
    return adopt(std::move(a));
}

// Layer k's architecture from an opened Meta checkpoint: params.json, and the FFN width from the index.
LlmBlock::Config metaConfig(const MetaLlamaCheckpoint& meta, const std::string& folder, int layer) {
    const MetaLlamaCheckpoint::Params& m = meta.params();
    if (layer < 0 || layer >= m.layers)
        throw Error(folder + "/params.json: layer " + std::to_string(layer) + " does not exist (n_layers " +
                    std::to_string(m.layers) + ")");
    const std::string w1 = "layers." + std::to_string(layer) + ".feed_forward.w1.weight";
    if (!meta.has(w1))
        throw Error(folder + ": no tensor '" + w1 + "' (not a Meta LLaMA state dict?)");
    const std::vector<int64_t> ffn = meta.shape(w1);
    LlmBlock::Config cfg;
    cfg.modelType = "llama";
    cfg.hidden = m.dim;
    cfg.heads = m.heads;
    cfg.kvHeads = m.kvHeads;
    cfg.intermediate = ffn.size() == 2 ? static_cast<int>(ffn[0]) : 0;
    cfg.eps = m.normEps;
    cfg.ropeTheta = m.ropeTheta;
    return cfg;
}

}  // namespace

LlmBlock::LlmBlock() : w_(std::make_unique<Weights>()) {}
LlmBlock::~LlmBlock() = default;

LlmBlock::Config LlmBlock::readConfig(const std::string& folder, int layer) {
    const QDir dir(QString::fromStdString(folder));
    Config cfg;
    if (!QFileInfo::exists(dir.filePath(QStringLiteral("config.json"))) &&
        QFileInfo::exists(dir.filePath(QStringLiteral("params.json"))))
        return metaConfig(*MetaLlamaCheckpoint::open(folder), folder, layer);
    QFile file(dir.filePath(QStringLiteral("config.json")));
    const std::string configPath = file.fileName().toStdString();
    if (!file.open(QIODevice::ReadOnly))
        throw Error(configPath + ": missing or unreadable");
    const QJsonObject c = QJsonDocument::fromJson(file.readAll()).object();
    cfg.modelType = c.value(QStringLiteral("model_type")).toString().toStdString();
    const bool opt = cfg.modelType == "opt";
    if (cfg.modelType != "llama" && cfg.modelType != "mistral" && cfg.modelType != "qwen2" && !opt)
        throw Error(configPath + ": model_type \"" + cfg.modelType +
                    "\" is neither LLaMA-family (llama, mistral, qwen2) nor OPT");
    if (opt && !c.value(QStringLiteral("do_layer_norm_before")).toBool(true))
        throw Error(configPath +
                    ": OPT with do_layer_norm_before = false (post-norm, the 350m model) is not supported");
    cfg.hidden = c.value(QStringLiteral("hidden_size")).toInt();
    cfg.heads = c.value(QStringLiteral("num_attention_heads")).toInt();
    cfg.kvHeads = opt ? cfg.heads : c.value(QStringLiteral("num_key_value_heads")).toInt(cfg.heads);
    cfg.intermediate = c.value(opt ? QStringLiteral("ffn_dim") : QStringLiteral("intermediate_size")).toInt();
    cfg.eps =
        opt ? 1e-5 : c.value(QStringLiteral("rms_norm_eps")).toDouble(1e-6);  // OPT: nn.LayerNorm's default
    cfg.ropeTheta = c.value(QStringLiteral("rope_theta")).toDouble(10000.0);
    const int layers = c.value(QStringLiteral("num_hidden_layers")).toInt();
    if (cfg.hidden <= 0 || cfg.heads <= 0 || cfg.kvHeads <= 0 || cfg.intermediate <= 0 ||
        cfg.hidden % cfg.heads || cfg.heads % cfg.kvHeads)
        throw Error(
            configPath +
            ": hidden_size, num_attention_heads, num_key_value_heads or intermediate_size is invalid");
    if (layer < 0 || layer >= layers)
        throw Error(configPath + ": layer " + std::to_string(layer) + " does not exist (num_hidden_layers " +
                    std::to_string(layers) + ")");
    return cfg;
}

std::unique_ptr<LlmBlock> LlmBlock::fromCheckpoint(const std::string& folder, int layer, Options options) {
    const QDir dir(QString::fromStdString(folder));
    if (!QFileInfo::exists(dir.filePath(QStringLiteral("config.json"))) &&
        QFileInfo::exists(dir.filePath(QStringLiteral("params.json"))))
        return fromMetaCheckpoint(folder, layer, options);
    std::unique_ptr<LlmBlock> b(new LlmBlock());
    Config& cfg = b->config_;
    cfg = readConfig(folder, layer);
    const bool opt = cfg.modelType == "opt";
    b->options_ = options;
    const auto ckpt = SafetensorsCheckpoint::open(folder);
    const std::string p = (opt ? "model.decoder.layers." : "model.layers.") + std::to_string(layer) + ".";
    const int64_t h = cfg.hidden, kv = static_cast<int64_t>(cfg.kvHeads) * (cfg.hidden / cfg.heads),
                  im = cfg.intermediate;
    auto load = [&](const std::string& name, std::vector<int64_t> shape) {
        return checkedTensor(ckpt->read(p + name), shape, folder, p + name, "config.json");
    };
    Weights& w = *b->w_;
    if (opt) {
        w.q = load("self_attn.q_proj.weight", {h, h});
        w.k = load("self_attn.k_proj.weight", {h, h});
        w.v = load("self_attn.v_proj.weight", {h, h});
        w.o = load("self_attn.out_proj.weight", {h, h});
        w.qb = load("self_attn.q_proj.bias", {h});
        w.kb = load("self_attn.k_proj.bias", {h});
        w.vb = load("self_attn.v_proj.bias", {h});
        w.ob = load("self_attn.out_proj.bias", {h});
        w.up = load("fc1.weight", {im, h});
        w.upb = load("fc1.bias", {im});
        w.down = load("fc2.weight", {h, im});
        w.downb = load("fc2.bias", {h});
        w.norm1 = load("self_attn_layer_norm.weight", {h});
        w.norm1b = load("self_attn_layer_norm.bias", {h});
        w.norm2 = load("final_layer_norm.weight", {h});
        w.norm2b = load("final_layer_norm.bias", {h});
        b->place();
        return b;
    }
    w.q = load("self_attn.q_proj.weight", {h, h});
    w.k = load("self_attn.k_proj.weight", {kv, h});
    w.v = load("self_attn.v_proj.weight", {kv, h});
    w.o = load("self_attn.o_proj.weight", {h, h});
    w.gate = load("mlp.gate_proj.weight", {im, h});
    w.up = load("mlp.up_proj.weight", {im, h});
    w.down = load("mlp.down_proj.weight", {h, im});
    w.norm1 = load("input_layernorm.weight", {h});
    w.norm2 = load("post_attention_layernorm.weight", {h});
    b->place();
    return b;
}

std::unique_ptr<LlmBlock> LlmBlock::fromMetaCheckpoint(const std::string& folder, int layer,
                                                       Options options) {
    std::unique_ptr<LlmBlock> b(new LlmBlock());
    b->options_ = options;
    Config& cfg = b->config_;
    const auto meta = MetaLlamaCheckpoint::open(folder);
    cfg = metaConfig(*meta, folder, layer);
    const std::string p = "layers." + std::to_string(layer) + ".";
    FloatArray w1 = meta->read(p + "feed_forward.w1.weight");
    const int64_t h = cfg.hidden, kv = static_cast<int64_t>(cfg.kvHeads) * (cfg.hidden / cfg.heads),
                  im = cfg.intermediate;
    auto load = [&](const std::string& name, std::vector<int64_t> shape) {
        return checkedTensor(meta->read(p + name), shape, folder, p + name, "params.json");
    };
    auto loadRotary = [&](const std::string& name, std::vector<int64_t> shape, int heads) {
        const FloatArray a = meta->read(p + name);
        checkShape(a, shape, folder, p + name, "params.json");
        return adopt(MetaLlamaCheckpoint::toHalfRotaryLayout(a, heads));
    };
    Weights& w = *b->w_;
    w.q = loadRotary("attention.wq.weight", {h, h}, cfg.heads);
    w.k = loadRotary("attention.wk.weight", {kv, h}, cfg.kvHeads);
    w.v = load("attention.wv.weight", {kv, h});
    w.o = load("attention.wo.weight", {h, h});
    w.gate = checkedTensor(std::move(w1), {im, h}, folder, p + "feed_forward.w1.weight", "params.json");
    w.up = load("feed_forward.w3.weight", {im, h});
    w.down = load("feed_forward.w2.weight", {h, im});
    w.norm1 = load("attention_norm.weight", {h});
    w.norm2 = load("ffn_norm.weight", {h});
    b->place();
    return b;
}

std::unique_ptr<LlmBlock> LlmBlock::random(const Config& config, uint32_t seed, Options options) {
    std::unique_ptr<LlmBlock> b(new LlmBlock());
    b->config_ = config;
    b->options_ = options;
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 0.02f);  // Hugging Face's initializer_range
    auto draw = [&](std::vector<int64_t> shape) {
        FloatArray a(shape);
        for (float& v : a.data)
            v = normal(rng);
        return adopt(std::move(a));
    };
    const int64_t h = config.hidden,
                  kv = static_cast<int64_t>(config.kvHeads) * (config.hidden / config.heads),
                  im = config.intermediate;
    Weights& w = *b->w_;
    w.q = draw({h, h});
    w.k = draw({kv, h});
    w.v = draw({kv, h});
    w.o = draw({h, h});
    w.up = draw({im, h});
    w.down = draw({h, im});
    w.norm1 = torch::ones({h});
    w.norm2 = torch::ones({h});
    if (config.modelType == "opt") {
        for (at::Tensor* t : {&w.qb, &w.kb, &w.vb, &w.ob, &w.downb, &w.norm1b, &w.norm2b})
            *t = torch::zeros({h});
        w.upb = torch::zeros({im});
    } else {
        w.gate = draw({im, h});
    }
    b->place();
    return b;
}

void LlmBlock::place() {
    const bool cuda = cudaAvailable();
    if (options_.device == DevicePreference::Cuda && !cuda)
        throw Error("LLM layer: CUDA asked for, but this LibTorch build or machine has no CUDA device");
    if (options_.device == DevicePreference::Cpu || !cuda)
        return;
    Weights& w = *w_;
    w.device = torch::Device(torch::kCUDA, 0);
    for (at::Tensor* t : {&w.q, &w.k, &w.v, &w.o, &w.gate, &w.up, &w.down, &w.norm1, &w.norm2, &w.qb, &w.kb,
                          &w.vb, &w.ob, &w.upb, &w.downb, &w.norm1b, &w.norm2b})
        if (t->defined())
            *t = t->to(w.device);
}

CaptureSet LlmBlock::forward(const FloatArray& input) const {
    if (input.dim() != 3 || input.shape[0] != 1 || input.shape[2] != config_.hidden)
        throw Error("LLM block input must be [1,N," + std::to_string(config_.hidden) + "], got " +
                    input.shapeString());
    c10::InferenceMode guard;
    const Weights& w = *w_;
    const at::Tensor x = toTensor(input).to(w.device);
    const int64_t n = x.size(1), heads = config_.heads, kvHeads = config_.kvHeads, d = config_.hidden / heads;
    const bool opt = config_.modelType == "opt";
    // LLaMA: RMSNorm, bias-free projections, SwiGLU. OPT: LayerNorm, projections with bias, ReLU MLP.
    auto norm = [&](const at::Tensor& t, const at::Tensor& weight, const at::Tensor& bias) {
        return opt ? torch::layer_norm(t, {config_.hidden}, weight, bias, config_.eps)
                   : rmsNorm(t, weight, config_.eps);
    };
    auto linear = [&](const at::Tensor& t, const at::Tensor& weight, const at::Tensor& bias) {
        const at::Tensor y = torch::matmul(t, weight.t());
        return bias.defined() ? y + bias : y;
    };
    const at::Tensor z = norm(x, w.norm1, w.norm1b);
    at::Tensor q = linear(z, w.q, w.qb).view({1, n, heads, d}).transpose(1, 2);
    at::Tensor k = linear(z, w.k, w.kb).view({1, n, kvHeads, d}).transpose(1, 2);
    at::Tensor v = linear(z, w.v, w.vb).view({1, n, kvHeads, d}).transpose(1, 2);
    if (options_.rope) {
        q = rotary(q, config_.ropeTheta);
        k = rotary(k, config_.ropeTheta);
    }
    if (kvHeads != heads) {  // grouped-query attention: each key/value head serves heads/kvHeads queries
        k = k.repeat_interleave(heads / kvHeads, 1);
        v = v.repeat_interleave(heads / kvHeads, 1);
    }
    at::Tensor scores = torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(double(d));
    if (options_.causal)
        scores = scores.masked_fill(
            torch::ones({n, n}, torch::TensorOptions().dtype(torch::kBool).device(w.device)).triu(1),
            -std::numeric_limits<float>::infinity());
    const at::Tensor attn = torch::softmax(scores, -1);
    const at::Tensor mixed = torch::matmul(attn, v).transpose(1, 2).reshape({1, n, heads * d});
    const at::Tensor hsum = x + linear(mixed, w.o, w.ob);
    const at::Tensor z2 = norm(hsum, w.norm2, w.norm2b);
    const at::Tensor mlp =
        opt ? linear(torch::relu(linear(z2, w.up, w.upb)), w.down, w.downb)
            : torch::matmul(torch::silu(torch::matmul(z2, w.gate.t())) * torch::matmul(z2, w.up.t()),
                            w.down.t());
    CaptureSet out;
    out.add("attn.llm.block", toArray(attn));
    out.add("tokens.llm.block", toArray(hsum + mlp));
    return out;
}

}  // namespace filterscope

#include "plugin/ModelPlugin.h"

#include "capture/CaptureValidator.h"
#include "common/Error.h"
#include "common/JoinedText.h"
#include "inference/LlmVariantModel.h"
#include "intervention/TokenEdit.h"

#include <QCryptographicHash>
#include <QFile>
#include <QtGlobal>

#include <algorithm>
#include <cmath>

namespace filterscope {
namespace {

// One line even when a wrong grid makes every capture fail: the first two problems, then a count.
std::string summarized(const std::vector<std::string>& problems) {
    const size_t shown = std::min<size_t>(problems.size(), 2);
    std::string s = joined(std::vector<std::string>(problems.begin(), problems.begin() + shown), "; ");
    if (problems.size() > shown)
        s += "; and " + std::to_string(problems.size() - shown) + " more problems";
    return s;
}

// SHA-256 of a file's bytes, hex; read in chunks so a large model is never held twice.
std::string fileHash(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot read: " + f.errorString().toStdString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f))
        throw Error(path + ": cannot read to the end");
    return hash.result().toHex().toStdString();
}

}  // namespace

ModelPlugin::~ModelPlugin() = default;

std::shared_ptr<ModelPlugin> ModelPlugin::load(const std::string& directory, DevicePreference device,
                                               const std::string& variant) {
    std::shared_ptr<ModelPlugin> p(new ModelPlugin());
    p->loadedDirectory_ = directory;
    p->loadedDevice_ = device;
    p->loadedVariant_ = variant;
    p->manifest_ = PluginManifest::load(directory);
    for (const std::string& w : p->manifest_.warnings)  // ignored fields: said, never silently dropped
        qWarning("warning: %s", w.c_str());
    // Schema 2 lets a forward take a text prompt after its image (forward.inputs); this build feeds the
    // one image, clip or cloud only, so such a plugin is refused by name rather than called wrongly.
    for (const ForwardSignature::Input& in : p->manifest_.forward.inputs)
        if (in.kind == ForwardSignature::InputKind::Text)
            throw Error("plugin '" + p->manifest_.id + "' (" + directory +
                        "): its forward takes a text input ('" + in.name +
                        "', forward.inputs); this Filterscope passes only the " +
                        modalityName(p->manifest_.modality) + " input");
    const LlmComposition& llm = p->manifest_.llm;
    if (!variant.empty() && !llm.present)
        throw Error("plugin '" + p->manifest_.id + "' (" + directory +
                    ") declares no variants (no \"llm\" section), variant \"" + variant + "\" asked for");
    if (llm.present) {
        p->variant_ = variant.empty() ? llm.variants.front() : parseVariantName(variant);
        if (std::find(llm.variants.begin(), llm.variants.end(), p->variant_) == llm.variants.end())
            throw Error("plugin '" + p->manifest_.id + "' does not offer variant \"" + variant + "\"");
        const std::string id = p->manifest_.id;
        p->manifest_ = p->manifest_.forVariant(p->variant_);  // a variant may bring its own files
        p->composition_ = LlmVariantModel::load(p->manifest_.llm, p->variant_, device, id);
    }
    p->module_ = ScriptModule::load(p->manifest_.modelFile, device);

    const FloatArray probe(p->inputShape(), 0.0f);
    CaptureSet captures;
    try {
        captures = p->forward(probe);
    } catch (const Error& e) {
        throw Error("plugin '" + p->manifest_.id + "': probe run failed: " + e.what());
    }
    const std::vector<std::string> problems = validateCaptureShapes(captures, p->manifest_);
    if (!problems.empty())
        throw Error("plugin '" + p->manifest_.id + "' (" + p->manifest_.directory +
                    "): " + summarized(problems));
    for (const StageLabel& s : p->manifest_.stages) {
        const auto stages = captures.stagesInOrder();
        if (std::find(stages.begin(), stages.end(), s.name) == stages.end())
            throw Error("plugin '" + p->manifest_.id + "': manifest stage \"" + s.name +
                        "\" has no capture (stages the model returns: " + joined(stages, ", ") + ")");
    }
    p->stages_ = p->orderStages(captures);
    // Grid stages carry N tokens (or attend over them) and get every map; query stages (M learned
    // queries) are listed apart.
    for (const std::string& s : p->stages_) {
        const int64_t n = p->manifest_.layoutOf(s).tokenCount();  // hierarchical stages: their own grid
        const FloatArray* t = captures.find("tokens." + s);
        const FloatArray* a = captures.find("attn." + s);
        const bool windowed = captures.find("wattn." + s) != nullptr;
        if ((t && t->shape[1] == n) || (!t && a && a->shape[2] == n) || (!t && windowed))
            p->gridStages_.push_back(s);
        else if (t || a)
            p->queryStages_.push_back(s);
        if (captures.find("xattn." + s))
            p->crossAttentionStages_.push_back(s);
    }
    p->probeKeys_ = captures.keys();
    p->modelHash_ = fileHash(p->manifest_.modelFile);
    p->identity_ = p->manifest_.directory + "#" + p->modelHash_;
    if (llm.present) {
        const LlmComposition& own = p->manifest_.llm;
        p->identity_ += "+" + fileHash(own.adapters) + (own.tail.empty() ? "" : "+" + fileHash(own.tail)) +
                        "@" + variantName(p->variant_);
    }
    return p;
}

std::shared_ptr<ModelPlugin> ModelPlugin::reloaded() const {
    return load(loadedDirectory_, loadedDevice_, loadedVariant_);
}

std::vector<std::string> ModelPlugin::orderStages(const CaptureSet& captures) const {
    std::vector<std::string> ordered;
    for (const StageLabel& s : manifest_.stages)
        ordered.push_back(s.name);
    for (const std::string& s : captures.stagesInOrder())
        if (std::find(ordered.begin(), ordered.end(), s) == ordered.end())
            ordered.push_back(s);
    return ordered;
}

std::vector<int64_t> ModelPlugin::inputShape() const {
    if (manifest_.modality == Modality::PointCloud)
        return {1, manifest_.points.points, 3};
    if (manifest_.modality == Modality::Video)
        return {1, 3, manifest_.video.frames, manifest_.input.height, manifest_.input.width};
    return {1, 3, manifest_.input.height, manifest_.input.width};
}

CaptureSet ModelPlugin::run(const FloatArray& input, const std::string& inputName) const {
    CaptureSet captures;
    try {
        captures = forward(input);
    } catch (const Error& e) {
        throw Error(inputName + ": plugin '" + manifest_.id + "': " + e.what());
    }
    validate(captures, inputName);
    return captures;
}

CaptureSet ModelPlugin::forward(const FloatArray& input) const {
    CaptureSet captures = module_->forward(input);
    return composition_ ? composition_->extend(std::move(captures)) : captures;
}

std::vector<std::string> ModelPlugin::editableStages() const {
    return composition_ ? composition_->editableStages() : std::vector<std::string>();
}

CaptureSet ModelPlugin::runEdited(const FloatArray& input, const TokenEdit& edit,
                                  const std::string& inputName) const {
    if (!composition_)
        throw Error("plugin '" + manifest_.id + "' cannot edit stage '" + edit.stage +
                    "': token edits reach the stages a composed (\"llm\") plugin runs itself; this build "
                    "does not send edits into a TorchScript forward");
    CaptureSet captures = composition_->extend(module_->forward(input), edit, manifest_.tokens.prefix);
    const std::vector<std::string> bad = findNonFiniteCaptures(captures);
    if (!bad.empty())
        throw Error(inputName + ": plugin '" + manifest_.id + "' produced NaN or Inf activations in " +
                    joined(bad, ", ") + " after the edit");
    return captures;
}

void ModelPlugin::validate(const CaptureSet& captures, const std::string& inputName) const {
    const std::vector<std::string> problems = validateCaptureShapes(captures, manifest_);
    if (!problems.empty())
        throw Error(inputName + ": plugin '" + manifest_.id + "': " + summarized(problems));
    const std::vector<std::string> bad = findNonFiniteCaptures(captures);
    if (!bad.empty())
        throw Error(inputName + ": plugin '" + manifest_.id + "' produced NaN or Inf activations in " +
                    joined(bad, ", "));
}

ScriptModule::GradientRun ModelPlugin::runWithGradients(const FloatArray& input, const std::string& inputName,
                                                        const RelevanceTarget& target) const {
    ScriptModule::GradientRun run;
    try {
        if (composition_) {  // the LLM layer runs natively, outside autograd: raw attention instead
            run.captures = forward(input);
            run.noGradientReason = "the LLM layer of a composed (\"llm\") plugin runs without autograd";
        } else {
            RelevanceTarget t = target;
            t.queries = manifest_.tokens.queries;
            run = module_->forwardWithGradients(input, t);
        }
    } catch (const Error& e) {
        throw Error(inputName + ": plugin '" + manifest_.id + "': " + e.what());
    }
    validate(run.captures, inputName);
    return run;
}

namespace {

// softmax(row)[cls] in double: logits of several hundred must not overflow.
float softmaxAt(const float* row, int64_t k, int cls) {
    double top = row[0];
    for (int64_t i = 1; i < k; ++i)
        top = std::max(top, double(row[i]));
    double sum = 0;
    for (int64_t i = 0; i < k; ++i)
        sum += std::exp(double(row[i]) - top);
    return static_cast<float>(std::exp(double(row[cls]) - top) / sum);
}

}  // namespace

std::vector<float> ModelPlugin::classProbabilities(const std::vector<FloatArray>& inputs, int cls,
                                                   const std::string& inputName) const {
    const std::string who = inputName + ": plugin '" + manifest_.id + "'";
    const auto probabilities = [&](const FloatArray& batch, int64_t count) {
        const CaptureSet out = forward(batch);
        const FloatArray* logits = out.find("logits");
        if (!logits)
            throw Error(who +
                        " returns no \"logits\": insertion/deletion curves need the model's class scores");
        if (logits->dim() != 2 || logits->shape[0] != count)
            throw Error(who + ": \"logits\" " + logits->shapeString() + " is not [" + std::to_string(count) +
                        ",K]");
        const int64_t k = logits->shape[1];
        if (cls < 0 || cls >= k)
            throw Error(who + ": class " + std::to_string(cls) + " is outside its " + std::to_string(k) +
                        " logits");
        std::vector<float> p;
        for (int64_t b = 0; b < count; ++b)
            p.push_back(softmaxAt(logits->data.data() + b * k, k, cls));
        return p;
    };
    std::vector<float> single;
    for (const FloatArray& in : inputs) {
        if (single.empty() && inputs.size() > 1) {
            // Try the batch once; keep it only when its last answer is what a single pass gives.
            FloatArray batch = in;
            batch.shape[0] = static_cast<int64_t>(inputs.size());
            batch.data.clear();
            for (const FloatArray& each : inputs)
                batch.data.insert(batch.data.end(), each.data.begin(), each.data.end());
            try {
                const std::vector<float> batched = probabilities(batch, batch.shape[0]);
                const float alone = probabilities(inputs.back(), 1).front();
                if (std::abs(batched.back() - alone) <= 1e-4f * std::max(1.0f, std::abs(alone)))
                    return batched;
            } catch (const std::exception&) {
                // A model that takes one input at a time: fall through to single passes.
            }
        }
        single.push_back(probabilities(in, 1).front());
    }
    return single;
}

}  // namespace filterscope

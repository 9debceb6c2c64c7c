#include "plugin/ModelPlugin.h"

#include "capture/CaptureValidator.h"
#include "common/Error.h"
#include "inference/LlmVariantModel.h"

#include <QCryptographicHash>
#include <QFile>
#include <QtGlobal>

#include <algorithm>

namespace filterscope {
namespace {

std::string joined(const std::vector<std::string>& items, const std::string& sep) {
    std::string s;
    for (const std::string& i : items)
        s += (s.empty() ? "" : sep) + i;
    return s;
}

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
    const LlmComposition& llm = p->manifest_.llm;
    if (!variant.empty() && !llm.present)
        throw Error("plugin '" + p->manifest_.id + "' (" + directory +
                    ") declares no variants (no \"llm\" section), variant \"" + variant + "\" asked for");
    p->module_ = ScriptModule::load(p->manifest_.modelFile, device);
    if (llm.present) {
        p->variant_ = variant.empty() ? llm.variants.front() : parseVariantName(variant);
        if (std::find(llm.variants.begin(), llm.variants.end(), p->variant_) == llm.variants.end())
            throw Error("plugin '" + p->manifest_.id + "' does not offer variant \"" + variant + "\"");
        p->composition_ = LlmVariantModel::load(llm, p->variant_, device, p->manifest_.id);
        p->manifest_ = p->manifest_.forVariant(p->variant_);
    }

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
        p->identity_ += "+" + fileHash(llm.adapters) + (llm.tail.empty() ? "" : "+" + fileHash(llm.tail)) +
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

}  // namespace filterscope

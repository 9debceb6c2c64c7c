#include "PluginCheckCommand.h"

#include "capture/CaptureValidator.h"
#include "common/Error.h"
#include "contract/PluginManifest.h"
#include "inference/LlmVariantModel.h"
#include "inference/ScriptModule.h"
#include "plugin/ModelPlugin.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace filterscope {
namespace {

const char* kindName(CaptureKind k) {
    switch (k) {
        case CaptureKind::Tokens:
            return "tokens";
        case CaptureKind::Attention:
            return "attention";
        case CaptureKind::WindowAttention:
            return "windowed attention";
        case CaptureKind::CrossAttention:
            return "cross-attention";
        case CaptureKind::Logits:
            return "logits";
        case CaptureKind::Extra:
            return "extra";
    }
    return "";
}

// One forward pass of the manifest's model (composed with the LLM variant, if any) on the probe input; the
// capture table and every problem found are printed. Returns the number of problems.
size_t checkOne(const PluginManifest& manifest, const ScriptModule& module,
                const LlmVariantModel* composition) {
    std::vector<int64_t> shape = {1, 3, manifest.input.height, manifest.input.width};  // ModelPlugin's probe
    if (manifest.modality == Modality::Video)
        shape = {1, 3, manifest.video.frames, manifest.input.height, manifest.input.width};
    if (manifest.modality == Modality::PointCloud)
        shape = {1, manifest.points.points, 3};
    CaptureSet captures;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        captures = module.forward(FloatArray(shape, 0.0f));
        if (composition)
            captures = composition->extend(std::move(captures));
    } catch (const std::exception& e) {
        std::printf("input %s\nproblems (1):\n  - %s\n", shapeToString(shape).c_str(), e.what());
        return 1;
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("input %s, forward %.1f ms on cpu (zero input, first run)\n\n", shapeToString(shape).c_str(),
                ms);
    std::printf("%-28s %-18s %-18s %s\n", "capture", "kind", "stage", "shape");
    for (const Capture& c : captures.all()) {
        const CaptureKey k = CaptureKey::parse(c.key);
        std::printf("%-28s %-18s %-18s %s\n", c.key.c_str(), kindName(k.kind), k.stage.c_str(),
                    c.value.shapeString().c_str());
    }
    std::vector<std::string> problems = validateCaptureShapes(captures, manifest);
    for (const std::string& key : findNonFiniteCaptures(captures))
        problems.push_back("capture '" + key + "' holds NaN or Inf on a zero input");
    for (const StageLabel& s : manifest.stages) {
        const auto stages = captures.stagesInOrder();
        if (std::find(stages.begin(), stages.end(), s.name) == stages.end())
            problems.push_back("manifest stage \"" + s.name + "\" has no capture");
    }
    if (problems.empty()) {
        std::printf("\nok: every capture fits the contract\n");
        return 0;
    }
    std::printf("\nproblems (%zu):\n", problems.size());
    for (const std::string& p : problems)
        std::printf("  - %s\n", p.c_str());
    return problems.size();
}

}  // namespace

int runPluginCheckCommand(const std::vector<std::string>& args) {
    std::string dir, only;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--variant" && i + 1 < args.size())
            only = args[++i];
        else if (args[i].rfind("--", 0) != 0 && dir.empty())
            dir = args[i];
        else
            dir.clear(), i = args.size();
    }
    if (dir.empty()) {
        std::fprintf(stderr,
                     "usage: filterscope-cli plugin check DIR [--variant llm|random|identity|baseline]\n");
        return 2;
    }
    // Every manifest problem first; the model still runs when the manifest has what the probe needs, so
    // its capture problems are listed in the same round.
    const ManifestCheck check = PluginManifest::inspect(dir);
    const PluginManifest& manifest = check.manifest;
    for (const std::string& w : check.warnings)
        std::printf("warning: %s\n", w.c_str());
    const size_t manifestProblems = check.problems.size();
    if (!check.problems.empty()) {
        std::printf("plugin %s\nmanifest problems (%zu):\n", dir.c_str(), check.problems.size());
        for (const std::string& p : check.problems)
            std::printf("  - %s\n", p.c_str());
    }
    if (!check.probeable) {
        std::printf("the model is not run: the manifest lacks what the probe input needs\n");
        return 1;
    }
    if (!only.empty() && !manifest.llm.present) {
        std::printf("plugin %s\nproblems (1):\n  - %s declares no variants (no \"llm\" section)\n",
                    dir.c_str(), manifest.id.c_str());
        return 1;
    }
    std::unique_ptr<ScriptModule> module;
    try {
        module = ScriptModule::load(manifest.modelFile, DevicePreference::Cpu);
    } catch (const std::exception& e) {
        std::printf("plugin %s\nproblems (1):\n  - %s\n", manifest.id.c_str(), e.what());
        return 1;
    }
    // An "llm" plugin is checked once per variant it offers (or the one asked for).
    std::vector<LlmComposition::Variant> variants = manifest.llm.variants;
    try {
        if (!only.empty())
            variants = {parseVariantName(only)};
    } catch (const std::exception& e) {
        std::printf("plugin %s\nproblems (1):\n  - %s\n", manifest.id.c_str(), e.what());
        return 1;
    }
    if (!manifest.llm.present)
        variants = {LlmComposition::Variant::Llm};
    size_t problems = 0;
    for (LlmComposition::Variant v : variants) {
        const PluginManifest m = manifest.forVariant(v);
        std::printf("%splugin %s (%s), %s, schema %d\n", problems || v != variants.front() ? "\n" : "",
                    m.id.c_str(), m.name.c_str(), modalityName(m.modality).c_str(), m.schema);
        if (m.schema >= 2)
            std::printf("%s\n", m.forward.describe().c_str());
        if (m.llm.present)
            std::printf("variant %s: %s\n", variantName(v).c_str(), variantDescription(v).c_str());
        std::printf("tokens: %s%s\n", m.tokens.describe().c_str(),
                    m.tokens.queries ? (", " + std::to_string(m.tokens.queries) + " queries").c_str() : "");
        for (const StageLabel& s : m.stages)
            if (!s.grid.empty() || s.window.present())
                std::printf("stage %s: %s%s\n", s.name.c_str(), m.layoutOf(s.name).describe().c_str(),
                            s.window.present() ? (", windows " + std::to_string(s.window.size) + "x" +
                                                  std::to_string(s.window.size) + " shifted by " +
                                                  std::to_string(s.window.shift))
                                                     .c_str()
                                               : "");
        std::unique_ptr<LlmVariantModel> composition;
        if (m.llm.present) {
            try {
                composition = LlmVariantModel::load(m.llm, v, DevicePreference::Cpu, manifest.id);
            } catch (const std::exception& e) {
                std::printf("problems (1):\n  - %s\n", e.what());
                ++problems;
                continue;
            }
        }
        std::unique_ptr<ScriptModule> own;  // a variant trained on its own brings its own encoder
        if (m.modelFile != manifest.modelFile) {
            try {
                own = ScriptModule::load(m.modelFile, DevicePreference::Cpu);
            } catch (const std::exception& e) {
                std::printf("problems (1):\n  - %s\n", e.what());
                ++problems;
                continue;
            }
        }
        problems += checkOne(m, own ? *own : *module, composition.get());
    }
    return problems + manifestProblems ? 1 : 0;
}

}  // namespace filterscope

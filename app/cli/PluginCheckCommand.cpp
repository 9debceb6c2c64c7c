#include "PluginCheckCommand.h"

#include "capture/CaptureValidator.h"
#include "common/Error.h"
#include "inference/ScriptModule.h"
#include "plugin/ModelPlugin.h"
#include "plugin/PluginManifest.h"

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
        case CaptureKind::CrossAttention:
            return "cross-attention";
        case CaptureKind::Logits:
            return "logits";
        case CaptureKind::Extra:
            return "extra";
    }
    return "";
}

}  // namespace

int runPluginCheckCommand(const std::vector<std::string>& args) {
    if (args.size() != 1 || args[0].rfind("--", 0) == 0) {
        std::fprintf(stderr, "usage: filterscope-cli plugin check DIR\n");
        return 2;
    }
    const std::string dir = args[0];
    std::vector<std::string> problems;
    PluginManifest manifest;
    try {
        manifest = PluginManifest::load(dir);
    } catch (const Error& e) {
        std::printf("plugin %s\nproblems (1):\n  - %s\n", dir.c_str(), e.what());
        return 1;
    }
    std::printf("plugin %s (%s), %s, schema %d\n", manifest.id.c_str(), manifest.name.c_str(),
                modalityName(manifest.modality).c_str(), PluginManifest::kSchema);
    std::printf(
        "tokens: %s%s\n", manifest.tokens.describe().c_str(),
        manifest.tokens.queries ? (", " + std::to_string(manifest.tokens.queries) + " queries").c_str() : "");
    std::unique_ptr<ScriptModule> module;
    try {
        module = ScriptModule::load(manifest.modelFile, DevicePreference::Cpu);
    } catch (const Error& e) {
        std::printf("problems (1):\n  - %s\n", e.what());
        return 1;
    }
    // The probe input of ModelPlugin, built the same way.
    std::vector<int64_t> shape = {1, 3, manifest.input.height, manifest.input.width};
    if (manifest.modality == Modality::Video)
        shape = {1, 3, manifest.video.frames, manifest.input.height, manifest.input.width};
    if (manifest.modality == Modality::PointCloud)
        shape = {1, manifest.points.points, 3};
    CaptureSet captures;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        captures = module->forward(FloatArray(shape, 0.0f));
    } catch (const Error& e) {
        std::printf("input %s\nproblems (1):\n  - %s\n", shapeToString(shape).c_str(), e.what());
        return 1;
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("input %s, forward %.1f ms on cpu (zero input, first run)\n\n", shapeToString(shape).c_str(),
                ms);
    std::printf("%-28s %-16s %-18s %s\n", "capture", "kind", "stage", "shape");
    for (const Capture& c : captures.all()) {
        const CaptureKey k = CaptureKey::parse(c.key);
        std::printf("%-28s %-16s %-18s %s\n", c.key.c_str(), kindName(k.kind), k.stage.c_str(),
                    c.value.shapeString().c_str());
    }
    problems = validateCaptureShapes(captures, manifest.tokens);
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
    return 1;
}

}  // namespace filterscope

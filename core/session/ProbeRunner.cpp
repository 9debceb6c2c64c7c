#include "session/ProbeRunner.h"

#include "input/InputPreparation.h"

#include <chrono>

namespace filterscope {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void step(ProgressSink& progress, int done, int total, const std::string& what) {
    if (progress.isCancelRequested())
        throw CancelledError();
    progress.report(done, total, what);
}

}  // namespace

ProbeResult runProbe(const ModelPlugin& plugin, const std::string& inputPath, ProgressSink& progress,
                     bool halfAttention) {
    const std::vector<std::string>& stages = plugin.gridStages();
    const std::vector<std::string>& crossStages = plugin.crossAttentionStages();
    const int total = 2 + static_cast<int>(stages.size() + crossStages.size());
    ProbeResult r;
    r.pluginId = plugin.id();
    r.inputPath = inputPath;

    step(progress, 0, total, "loading " + inputPath);
    PreparedInput prepared = prepareInput(inputPath, plugin.manifest());
    if (!prepared.frames.empty())
        r.modelInput = prepared.frames.front();
    r.cloud = std::move(prepared.cloud);
    r.frames = std::move(prepared.frames);
    r.frameIndices = prepared.frameIndices;

    step(progress, 1, total, "running " + plugin.id());
    auto t = Clock::now();
    r.captures = plugin.run(prepared.tensor, inputPath);
    r.forwardMs = msSince(t);

    t = Clock::now();
    for (size_t i = 0; i < stages.size(); ++i) {
        step(progress, 2 + static_cast<int>(i), total, "analysing " + stages[i]);
        std::vector<StageMaps> one =
            computeStageMaps(r.captures, plugin.manifest().tokens, {stages[i]}, AnalysisSelection::all());
        r.maps.push_back(std::move(one.front()));
    }
    for (size_t i = 0; i < crossStages.size(); ++i) {
        step(progress, 2 + static_cast<int>(stages.size() + i), total,
             "analysing queries of " + crossStages[i]);
        r.queries.push_back(computeQueryStageMaps(r.captures.get("xattn." + crossStages[i]),
                                                  plugin.manifest().tokens, crossStages[i]));
    }
    r.analysisMs = msSince(t);

    // Token captures are summarised by the maps; keep only attention (views derive maps from it) and
    // logits, so a cached result holds a fraction of what the model returned.
    CaptureSet kept;
    for (const Capture& c : r.captures.all()) {
        const CaptureKind kind = CaptureKey::parse(c.key).kind;
        if (kind == CaptureKind::Attention && halfAttention)
            r.halfAttention.emplace(c.key, HalfArray::fromFloat(c.value));
        else if (kind == CaptureKind::Attention || kind == CaptureKind::Logits ||
                 kind == CaptureKind::CrossAttention || c.key == "centers" || c.key == "group_index")
            kept.add(c.key, c.value);
    }
    r.captures = std::move(kept);
    progress.report(total, total, "done");
    return r;
}

}  // namespace filterscope

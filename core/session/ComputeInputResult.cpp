#include "session/ComputeInputResult.h"

#include "pipeline/InputPipeline.h"

namespace filterscope {

InputResult computeInputResult(const ModelPlugin& plugin, const std::string& inputPath,
                               ProgressSink& progress, bool halfAttention) {
    PipelineRequest everything;  // the window shows every analysis of every stage
    // but leaves CKA of very long token sequences (a 16-frame ViT-B clip: 1569 tokens) to the CLI: seconds
    // of Gram matrices on every input.
    everything.ckaMaxTokens = LayerAnalyses::kKeptGramTokens;
    const PipelineStages stages = resolveStages(plugin, everything);
    InputAnalysis a = analyseInput(plugin, inputPath, stages, everything, &progress);
    InputResult r;
    r.pluginId = plugin.id();
    r.inputPath = inputPath;
    if (!a.prepared.frames.empty())
        r.modelInput = a.prepared.frames.front();
    r.cloud = std::move(a.prepared.cloud);
    r.frames = std::move(a.prepared.frames);
    r.frameIndices = a.prepared.frameIndices;
    r.maps = std::move(a.maps);
    r.queries = std::move(a.queries);
    r.rollout = std::move(a.rollout);
    r.relevance = std::move(a.relevance);
    r.relevanceMethod = a.relevanceMethod;
    if (r.relevance)
        r.relevanceStage = stages.cross.back();
    r.layers = std::move(a.layers);
    r.notes = a.notes;
    r.forwardMs = a.timings.forwardMs;
    r.analysisMs = a.timings.analysisMs;

    // Token captures are summarised by the maps; keep only attention (views derive maps from it) and
    // logits, so a cached result holds a fraction of what the model returned.
    for (const Capture& c : a.captures.all()) {
        const CaptureKind kind = CaptureKey::parse(c.key).kind;
        if (kind == CaptureKind::Attention && halfAttention)
            r.halfAttention.emplace(c.key, HalfArray::fromFloat(c.value));
        else if (kind == CaptureKind::Attention || kind == CaptureKind::WindowAttention ||
                 kind == CaptureKind::Logits || kind == CaptureKind::CrossAttention || c.key == "centers" ||
                 c.key == "group_index")
            r.captures.add(c.key, c.value);
    }
    const int total = 2 + static_cast<int>(r.maps.size() + r.queries.size());
    progress.report(total, total, "done");
    return r;
}

}  // namespace filterscope

#include "pipeline/InputPipeline.h"

#include "common/Error.h"
#include "common/JoinedText.h"
#include "pipeline/ForwardDeadline.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>

namespace filterscope {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

// Reports a step and stops here when cancellation was asked for.
void step(ProgressSink* sink, int done, int total, const std::string& what) {
    if (!sink)
        return;
    if (sink->isCancelRequested())
        throw CancelledError();
    sink->report(done, total, what);
}

std::string secondsText(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%g s", s);
    return text;
}

}  // namespace

PipelineStages resolveStages(const ModelPlugin& plugin, const PipelineRequest& request) {
    const std::vector<std::string>& grid = plugin.gridStages();
    const bool queries = request.analyses.qformer || request.analyses.relevance;
    const std::vector<std::string> cross =
        queries ? plugin.crossAttentionStages() : std::vector<std::string>{};
    PipelineStages out;
    if (request.stages.empty()) {
        out.grid = grid;
        out.cross = cross;
        return out;
    }
    for (const std::string& s : request.stages) {
        if (!has(grid, s) && !has(cross, s)) {
            std::vector<std::string> all = grid;
            all.insert(all.end(), cross.begin(), cross.end());
            throw Error("plugin '" + plugin.id() + "' has no stage \"" + s +
                        "\" with token or attention captures (stages: " + joined(all) + ")");
        }
        if (has(grid, s))
            out.grid.push_back(s);
        if (has(cross, s))
            out.cross.push_back(s);
    }
    return out;
}

InputAnalysis analyseInput(const ModelPlugin& plugin, const std::string& path, const PipelineStages& stages,
                           const PipelineRequest& request, ProgressSink* steps) {
    const PluginManifest& manifest = plugin.manifest();
    const AnalysisSelection& selection = request.analyses;
    const int total = 2 + static_cast<int>(stages.grid.size() + stages.cross.size());
    InputAnalysis a;

    step(steps, 0, total, "loading " + path);
    auto t = Clock::now();
    a.prepared = prepareInput(path, manifest);
    a.timings.loadMs = msSince(t);
    a.notes = a.prepared.warnings;

    step(steps, 1, total, "running " + plugin.id());
    t = Clock::now();
    // Relevance wants gradients: then the one forward pass runs with autograd. The pass owns what it
    // touches, since under a deadline it may outlive this call.
    const bool relevance = selection.relevance && !stages.cross.empty();
    RelevanceTarget target = request.relevanceTarget;
    if (request.labelClass >= 0 && target.kind == RelevanceTarget::Kind::Default) {
        target.kind = RelevanceTarget::Kind::Logit;  // the true class, not whatever the model predicts
        target.index = request.labelClass;
    }
    auto pass = std::make_shared<ScriptModule::GradientRun>();
    {
        const bool bounded = request.forwardTimeoutSeconds > 0;
        std::shared_ptr<const ModelPlugin> self = plugin.shared_from_this();
        auto input = bounded ? std::make_shared<const FloatArray>(a.prepared.tensor)
                             : std::shared_ptr<const FloatArray>(std::shared_ptr<void>(), &a.prepared.tensor);
        runWithinDeadline(
            request.forwardTimeoutSeconds,
            [self, input, path, target, relevance, pass] {
                if (relevance)
                    *pass = self->runWithGradients(*input, path, target);
                else
                    pass->captures = self->run(*input, path);
            },
            path + ": plugin '" + plugin.id() + "' did not return from its forward pass within " +
                secondsText(request.forwardTimeoutSeconds) +
                "; input skipped (a forward pass cannot be interrupted: it goes on in the background)");
    }
    ScriptModule::GradientRun gradientRun = std::move(*pass);
    a.captures = std::move(gradientRun.captures);
    a.timings.forwardMs = msSince(t);

    t = Clock::now();
    for (size_t i = 0; i < stages.grid.size(); ++i) {
        step(steps, 2 + static_cast<int>(i), total, "analysing " + stages.grid[i]);
        std::vector<StageMaps> one = computeStageMaps(a.captures, manifest, {stages.grid[i]}, selection);
        a.maps.push_back(std::move(one.front()));
    }
    if (selection.rollout)
        a.rollout = computeRolloutMap(a.captures, manifest.tokens);
    for (size_t i = 0; i < stages.cross.size() && selection.qformer; ++i) {
        step(steps, 2 + static_cast<int>(stages.grid.size() + i), total,
             "analysing queries of " + stages.cross[i]);
        a.queries.push_back(computeQueryStageMaps(a.captures.get("xattn." + stages.cross[i]),
                                                  manifest.layoutOf(stages.cross[i]), stages.cross[i]));
    }
    if (relevance) {
        const bool withGradients = gradientRun.noGradientReason.empty();
        a.relevance = computeQueryRelevance(a.captures, withGradients ? &gradientRun.gradients : nullptr,
                                            manifest.tokens);
        a.relevanceMethod = withGradients ? "gradient-weighted (" + gradientRun.targetText + ")"
                                          : "raw attention (" + gradientRun.noGradientReason + ")";
        if (!withGradients)
            a.notes.push_back(
                path + ": Q-Former relevance falls back to raw attention: " + gradientRun.noGradientReason);
        if (!gradientRun.targetNote.empty()) {
            a.relevanceMethod += "; " + gradientRun.targetNote;
            a.notes.push_back(path + ": Q-Former relevance: " + gradientRun.targetNote);
        }
    }
    LayerAnalysesRequest layers;
    layers.tokenstats = selection.tokenstats;
    layers.cka = selection.cka;
    layers.fourier = selection.fourier;
    layers.faithfulness = selection.faithfulness;
    layers.outlierFactor = request.outlierFactor;
    layers.ckaMaxTokens = request.ckaMaxTokens;
    layers.targetClass = request.labelClass;
    if (layers.tokenstats || layers.cka || layers.fourier || layers.faithfulness) {
        step(steps, total, total, "token statistics, layer similarity, Fourier curves");
        a.layers = computeLayerAnalyses(plugin, a.captures, a.maps, a.prepared.tensor, path, layers);
        a.notes.insert(a.notes.end(), a.layers.notes.begin(), a.layers.notes.end());
    }
    if (a.prepared.cloud.droppedNonFinite > 0)
        a.notes.push_back(path + ": dropped " + std::to_string(a.prepared.cloud.droppedNonFinite) +
                          " points with NaN or Inf coordinates");
    a.timings.analysisMs = msSince(t);
    return a;
}

}  // namespace filterscope

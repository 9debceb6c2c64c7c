#include "pipeline/LayerAnalyses.h"

#include "analysis/FourierDepthCurve.h"
#include "common/Error.h"

#include <algorithm>

namespace filterscope {

// Insertion and deletion curves of one map: 2·(S+1) inputs, one batch per curve.
FaithfulnessCurves computeFaithfulness(const ModelPlugin& plugin, const FloatArray& input,
                                       const FloatArray& map, int cls, const std::string& inputName) {
    const int64_t h = map.shape[0], w = map.shape[1], n = h * w;
    const std::vector<int64_t> ranked = rankCells(map);
    const int steps = faithfulnessSteps(n);
    std::vector<FloatArray> deletion, insertion;
    for (int s = 0; s <= steps; ++s) {
        const int64_t k = cellsAtStep(s, n, steps);
        deletion.push_back(perturbInput(input, ranked, k, h, w, false));
        insertion.push_back(perturbInput(input, ranked, k, h, w, true));
    }
    FaithfulnessCurves c;
    c.cls = cls;
    c.deletion = plugin.classProbabilities(deletion, cls, inputName);
    c.insertion = plugin.classProbabilities(insertion, cls, inputName);
    c.deletionAuc = curveAuc(c.deletion);
    c.insertionAuc = curveAuc(c.insertion);
    return c;
}

int predictedClass(const CaptureSet& captures) {
    const FloatArray* logits = captures.find("logits");
    if (!logits || logits->dim() != 2 || logits->shape[0] != 1 || logits->data.empty())
        return -1;
    return static_cast<int>(std::max_element(logits->data.begin(), logits->data.end()) -
                            logits->data.begin());
}

std::vector<std::pair<std::string, const FloatArray*>> faithfulnessMaps(const StageMaps& m) {
    std::vector<std::pair<std::string, const FloatArray*>> out;
    if (m.norms)
        out.emplace_back("norm", &m.norms->grid);
    if (m.activation)
        out.emplace_back("activation", &*m.activation);
    if (m.frequency)
        out.emplace_back("freq", &*m.frequency);
    if (m.attention)
        out.emplace_back("attention", &m.attention->meanMap);
    return out;
}

LayerAnalyses computeLayerAnalyses(const ModelPlugin& plugin, const CaptureSet& captures,
                                   const std::vector<StageMaps>& maps, const FloatArray& input,
                                   const std::string& inputName, const LayerAnalysesRequest& request) {
    const PluginManifest& manifest = plugin.manifest();
    LayerAnalyses out;
    std::vector<std::string> tokenStages;
    std::vector<const FloatArray*> tokenSets;
    for (const StageMaps& m : maps) {
        const FloatArray* tokens = m.hasTokens ? captures.find("tokens." + m.stage) : nullptr;
        if (!tokens)
            continue;
        tokenStages.push_back(m.stage);
        tokenSets.push_back(tokens);
        if (request.tokenstats) {
            const auto declared = manifest.sinkDims.find(m.stage);
            try {
                out.tokenStats.push_back({m.stage, computeTokenStatistics(*tokens,
                                                                          declared != manifest.sinkDims.end()
                                                                              ? declared->second
                                                                              : std::vector<int64_t>{},
                                                                          request.outlierFactor)});
            } catch (const Error& e) {
                throw Error(inputName + ": stage " + m.stage + ": " + e.what() + " (plugin.json sink_dims)");
            }
        }
        // Point groups have no grid, so no spatial frequencies: nothing to say for each of their stages.
        if (request.fourier && manifest.layoutOf(m.stage).kind != TokenLayout::Kind::Groups) {
            try {
                out.fourier.push_back(
                    {m.stage, computeFourierDepthCurve(*tokens, manifest.layoutOf(m.stage))});
            } catch (const Error& e) {
                out.notes.push_back(inputName + ": no Fourier depth curve at " + m.stage + ": " + e.what());
            }
        }
    }
    int64_t mostTokens = 0;
    for (const FloatArray* t : tokenSets)
        mostTokens = std::max(mostTokens, t->shape[t->dim() - 2]);
    const bool ckaTooLarge = request.ckaMaxTokens > 0 && mostTokens > request.ckaMaxTokens;
    if (request.cka && ckaTooLarge)
        out.notes.push_back(inputName +
                            ": layer similarity (CKA) skipped here: " + std::to_string(mostTokens) +
                            " tokens per stage (filterscope-cli run --analyses cka computes it)");
    if (request.cka && !ckaTooLarge && tokenSets.size() >= 2) {
        std::vector<std::vector<double>> grams;
        for (const FloatArray* t : tokenSets)
            grams.push_back(centredGram(*t));
        out.cka = ckaMatrixOfGrams(tokenStages, grams);
        for (const std::vector<double>& g : grams)
            if (static_cast<int64_t>(g.size()) <=
                LayerAnalyses::kKeptGramTokens * LayerAnalyses::kKeptGramTokens)
                out.grams.emplace_back(g.begin(), g.end());
        if (out.grams.size() != grams.size())
            out.grams.clear();  // all or none: rows must line up with cka->stages
    }

    if (request.faithfulness) {
        if (manifest.modality != Modality::Image || input.dim() != 4) {
            out.notes.push_back(inputName + ": insertion/deletion curves are for image plugins only");
        } else if (predictedClass(captures) < 0) {
            out.notes.push_back(inputName + ": no insertion/deletion curves: plugin '" + manifest.id +
                                "' returns no [1,K] \"logits\"");
        } else {
            const int cls = request.targetClass >= 0 ? request.targetClass : predictedClass(captures);
            for (const StageMaps& m : maps)
                for (const auto& [name, map] : faithfulnessMaps(m)) {
                    if (map->dim() != 2)
                        continue;
                    FaithfulnessCurves c = computeFaithfulness(plugin, input, *map, cls, inputName);
                    c.stage = m.stage;
                    c.map = name;
                    out.faithfulness.push_back(std::move(c));
                }
        }
    }
    return out;
}

}  // namespace filterscope

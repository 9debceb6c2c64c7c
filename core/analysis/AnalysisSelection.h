#pragma once

#include <string>

namespace filterscope {

// Which analyses to compute. Parsed from the CLI's
// "--analyses norm,activation,freq,spectrum,attention,rollout,qformer,relevance,tokenstats,cka,fourier,
// faithfulness".
struct AnalysisSelection {
    bool norm = true;
    bool activation = true;
    bool frequency = true;
    bool spectrum = true;
    bool attention = true;   // needs attn.<stage> captures; stages without them are skipped
    bool rollout = true;     // attention rollout over every attention stage
    bool qformer = true;     // needs xattn.<stage> captures (learned queries over the grid)
    bool relevance = true;   // Q-Former relevance (gradient-weighted when the plugin allows)
    bool tokenstats = true;  // outlier tokens, massive activations, attention sinks (per token stage)
    bool cka = true;         // linear CKA between every pair of token stages
    bool fourier = true;     // Park & Kim's Δ log amplitude curve (square grids)
    // Insertion/deletion curves: 2·(S+1) more forward passes per stage and map, so only when asked for.
    bool faithfulness = false;

    static AnalysisSelection all() { return {}; }
    static AnalysisSelection none();
    // Throws Error listing the known names when one is unknown. "attention" brings its rollout and
    // "qformer" its relevance, as before these were names of their own.
    static AnalysisSelection parse(const std::string& commaList);
    std::string toString() const;
};

}  // namespace filterscope
